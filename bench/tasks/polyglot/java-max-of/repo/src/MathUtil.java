public class MathUtil {
    public static int maxOf(int[] xs) {
        int best = 0;
        for (int x : xs) {
            if (x > best) best = x;
        }
        return best;
    }
}
