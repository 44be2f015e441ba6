public class TestMain {
    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        Counter c = new Counter();
        c.increment();
        c.increment();
        check(c.get() == 2, "two increments");
        c.reset();
        check(c.get() == 0, "reset");
        System.out.println("ok");
    }
}
