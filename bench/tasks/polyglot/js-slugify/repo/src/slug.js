function slugify(title) {
  return title
    .trim()
    .replace(/[^a-zA-Z0-9 ]/g, "")
    .replace(/ /g, "-");
}

module.exports = { slugify };
