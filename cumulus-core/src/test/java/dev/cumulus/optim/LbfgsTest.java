package dev.cumulus.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

/** L-BFGS driven one evaluation at a time reaches known minima, and its state restores exactly. */
class LbfgsTest {

    /** f(x) = 0.5 x'Ax - b'x with A = M'M + 0.05 I symmetric positive definite. */
    private record Quadratic(DMatrixRMaj a, DMatrixRMaj b) {
        static Quadratic random(int n, long seed) {
            Random random = new Random(seed);
            DMatrixRMaj m = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
            DMatrixRMaj a = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(m, m, a);
            for (int i = 0; i < n; i++) {
                a.add(i, i, 0.05);
            }
            return new Quadratic(a, RandomMatrices_DDRM.rectangle(n, 1, -1, 1, random));
        }

        double evaluate(float[] x, float[] gradient) {
            DMatrixRMaj v = new DMatrixRMaj(x.length, 1);
            for (int i = 0; i < x.length; i++) {
                v.set(i, 0, x[i]);
            }
            DMatrixRMaj ax = new DMatrixRMaj(x.length, 1);
            CommonOps_DDRM.mult(a, v, ax);
            double value = 0;
            for (int i = 0; i < x.length; i++) {
                gradient[i] = (float) (ax.get(i, 0) - b.get(i, 0));
                value += 0.5 * v.get(i, 0) * ax.get(i, 0) - v.get(i, 0) * b.get(i, 0);
            }
            return value;
        }

        DMatrixRMaj solution() {
            DMatrixRMaj out = new DMatrixRMaj(b.numRows, 1);
            if (!CommonOps_DDRM.solve(a, b, out)) {
                throw new IllegalStateException("singular test matrix");
            }
            return out;
        }
    }

    private static double rosenbrock(float[] x, float[] gradient) {
        double a = x[0];
        double b = x[1];
        gradient[0] = (float) (-2 * (1 - a) - 400 * a * (b - a * a));
        gradient[1] = (float) (200 * (b - a * a));
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    }

    @Test
    void reachesTheSolutionOfTheLinearSystemOnAConvexQuadratic() {
        Quadratic q = Quadratic.random(12, 7);
        Lbfgs run = new Lbfgs(new float[12], 5);
        float[] gradient = new float[12];
        List<Double> accepted = new ArrayList<>();
        while (!run.converged() && run.iterations() < 200) {
            if (run.tell(q.evaluate(run.point(), gradient), gradient)) {
                accepted.add(run.loss());
            }
        }
        DMatrixRMaj solution = q.solution();
        double optimum = 0;
        for (int i = 0; i < 12; i++) {
            optimum -= 0.5 * solution.get(i, 0) * q.b().get(i, 0);
        }
        assertThat(run.loss()).isCloseTo(optimum, within(1e-5 * Math.abs(optimum)));
        for (int i = 0; i < 12; i++) {
            assertThat((double) run.parameters()[i]).as("x[%d]", i).isCloseTo(solution.get(i, 0), within(2e-3));
        }
        // Sufficient decrease at every accepted step: the accepted objectives fall strictly.
        for (int i = 1; i < accepted.size(); i++) {
            assertThat(accepted.get(i)).isLessThan(accepted.get(i - 1));
        }
    }

    @Test
    void findsTheMinimumOfTheRosenbrockValley() {
        Lbfgs run = new Lbfgs(new float[] {-1.2f, 1f}, 10);
        float[] gradient = new float[2];
        while (!run.converged() && run.iterations() < 500) {
            run.tell(rosenbrock(run.point(), gradient), gradient);
        }
        assertThat(run.parameters()[0]).isCloseTo(1f, within(1e-3f));
        assertThat(run.parameters()[1]).isCloseTo(1f, within(2e-3f));
        // A well-behaved line search needs a couple of evaluations per iteration, not dozens.
        assertThat(run.evaluations()).isLessThan(3 * run.iterations() + 10);
    }

    @Test
    void aRestoredStateContinuesBitForBitAsTheUninterruptedRun() {
        Quadratic q = Quadratic.random(9, 3);
        float[] gradient = new float[9];
        Lbfgs straight = new Lbfgs(new float[9], 4);
        Lbfgs interrupted = new Lbfgs(new float[9], 4);
        for (int evaluation = 0; evaluation < 40 && !straight.converged(); evaluation++) {
            straight.tell(q.evaluate(straight.point(), gradient), gradient);
            interrupted.tell(q.evaluate(interrupted.point(), gradient), gradient);
            // Every few evaluations, as a successor function would: state out, fresh object in.
            if (evaluation % 3 == 1) {
                interrupted = Lbfgs.restore(interrupted.state(), 4, 9);
            }
            assertThat(interrupted.point()).isEqualTo(straight.point());
            assertThat(interrupted.state()).isEqualTo(straight.state());
        }
        assertThat(straight.iterations()).isGreaterThan(5);
    }

    @Test
    void aStateOfAnotherShapeIsRefused() {
        float[] state = new Lbfgs(new float[3], 2).state();
        assertThatThrownBy(() -> Lbfgs.restore(state, 3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history 2 over 3 parameters, expected history 3 over 3");
        assertThatThrownBy(() -> Lbfgs.restore(java.util.Arrays.copyOf(state, 10), 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroGradientAtTheStartIsConvergence() {
        Lbfgs run = new Lbfgs(new float[] {1f, 2f}, 3);
        run.tell(0.5, new float[2]);
        assertThat(run.converged()).isTrue();
        assertThat(run.parameters()).containsExactly(1f, 2f);
    }
}
