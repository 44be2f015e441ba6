public class TestMain {
    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        check(Strings.reverse("abc").equals("cba"), "abc");
        check(Strings.reverse("").equals(""), "empty");
        System.out.println("ok");
    }
}
