public class TestMain {
    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        check(MathUtil.maxOf(new int[] {1, 7, 3}) == 7, "max of 1,7,3");
        check(MathUtil.maxOf(new int[] {-5, -2, -9}) == -2, "max of negatives");
        System.out.println("ok");
    }
}
