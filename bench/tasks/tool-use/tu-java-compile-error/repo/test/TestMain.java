public class TestMain {
    public static void main(String[] args) {
        Shape s = new Square(3);
        if (s.area() != 9.0) throw new AssertionError("area");
        if (!s.name().equals("square")) throw new AssertionError("name");
        System.out.println("ok");
    }
}
