public class Counter {
    private int count;

    public void increment() {
        count += 2;
    }

    public void reset() {
    }

    public int get() {
        return count;
    }
}
