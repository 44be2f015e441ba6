public class Dates {
    public static boolean isLeap(int year) {
        return year % 4 == 0;
    }
}
