public class TestMain {
    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        check(Dates.isLeap(2024), "2024");
        check(!Dates.isLeap(2023), "2023");
        check(!Dates.isLeap(1900), "1900");
        check(Dates.isLeap(2000), "2000");
        System.out.println("ok");
    }
}
