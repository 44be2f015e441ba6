function report(data) {
  const sum = data.order.reduce((a, o) => a + o.total, 0);
  return `orders: ${data.orders.length}, total: ${sum}`;
}

module.exports = { report };
