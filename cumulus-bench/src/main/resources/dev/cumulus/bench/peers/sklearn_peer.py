"""The scikit-learn side of the peer benchmarks (dev.cumulus.bench.peers, issue #24).

Run by the harness with Debian's system python (python3-sklearn), one whole process per
measurement. Commands:
  check                                  print the versions, or fail naming what is missing
  generate N TEST TRAIN.csv TEST.csv     make_classification(N + TEST, ...) -> two CSV files
  fit MODE TRAIN TEST [key=value ...]    read the files, fit, print one JSON line of results
MODE: lbfgs | sgd | optimum (L-BFGS to a tight tolerance: the reference optimum).
TRAIN/TEST: a CSV file (label in column 0) or an IDX images file (labels found beside it).
The loss printed is the mean log loss on the training set without the penalty, computed here
with numpy from the fitted coefficients, the same definition the harness checks Cumulus and
Spark against.
"""
import json
import sys
import time

T0 = time.perf_counter()


def check():
    import numpy
    import sklearn
    print(json.dumps({"python": sys.version.split()[0], "numpy": numpy.__version__,
                      "sklearn": sklearn.__version__}))


def generate(n, n_test, train_path, test_path):
    import numpy
    from sklearn.datasets import make_classification
    x, y = make_classification(n + n_test, 28, n_informative=20, n_redundant=4, flip_y=0.1,
                               class_sep=0.6, random_state=1)
    for path, rows in ((train_path, slice(0, n)), (test_path, slice(n, n + n_test))):
        data = numpy.column_stack([y[rows].astype(numpy.float32), x[rows].astype(numpy.float32)])
        tmp = path + ".tmp"
        numpy.savetxt(tmp, data, delimiter=",", fmt="%.7g")
        import os
        os.replace(tmp, path)


def read_idx(path):
    import numpy
    import gzip
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return numpy.frombuffer(raw, dtype=numpy.uint8, offset=4 + 4 * dims).reshape(shape)


def read(path):
    import numpy
    if "idx3" in path:
        images = read_idx(path)
        labels = read_idx(path.replace("images-idx3", "labels-idx1"))
        return images.reshape(images.shape[0], -1).astype(numpy.float32) / 255.0, labels.astype(numpy.int64)
    a = numpy.loadtxt(path, delimiter=",", dtype=numpy.float32)
    return a[:, 1:], a[:, 0].astype(numpy.int64)


def log_loss(model, x, y):
    import numpy
    z = x.astype(numpy.float64) @ model.coef_.T + model.intercept_
    if z.shape[1] == 1:
        z = numpy.column_stack([numpy.zeros(len(z)), z[:, 0]])
    z -= z.max(axis=1, keepdims=True)
    logp = z - numpy.log(numpy.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[numpy.arange(len(y)), y].mean())


def fit(mode, train_path, test_path, options):
    import numpy
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    x, y = read(train_path)
    t_read = time.perf_counter()
    x_test, y_test = read(test_path)
    t_test = time.perf_counter()
    if mode == "sgd":
        # Averaged SGD: plain SGD's last iterate stays noisy above the optimum.
        model = SGDClassifier(loss="log_loss", alpha=float(options.get("alpha", 1e-6)),
                              max_iter=int(options.get("max_iter", 5)), tol=float(options.get("tol", 1e-4)),
                              learning_rate=options.get("learning_rate", "invscaling"),
                              eta0=float(options.get("eta0", 0.01)),
                              average=options.get("average", "true") == "true", random_state=1)
    else:
        tol = 1e-10 if mode == "optimum" else float(options.get("tol", 1e-4))
        max_iter = 10000 if mode == "optimum" else int(options.get("max_iter", 100))
        # C large: the penalty C adds is negligible against a mean over a million rows, but
        # LogisticRegression has no penalty-free L-BFGS in every Debian version's API.
        model = LogisticRegression(C=float(options.get("C", 1e6)), tol=tol, max_iter=max_iter)
    model.fit(x, y)
    t_fit = time.perf_counter()
    result = {"mode": mode, "rows": int(x.shape[0]), "features": int(x.shape[1]),
              "readSeconds": t_read - T0, "testReadSeconds": t_test - t_read, "fitSeconds": t_fit - t_test,
              "iterations": int(numpy.max(model.n_iter_)), "trainLoss": log_loss(model, x, y),
              "testAccuracy": float(model.score(x_test, y_test)), "processSeconds": time.perf_counter() - T0}
    print(json.dumps(result))


def main(argv):
    if not argv:
        sys.exit("usage: sklearn_peer.py check | generate ... | fit ...")
    if argv[0] == "check":
        check()
    elif argv[0] == "generate":
        generate(int(argv[1]), int(argv[2]), argv[3], argv[4])
    elif argv[0] == "fit":
        fit(argv[1], argv[2], argv[3], dict(a.split("=", 1) for a in argv[4:]))
    else:
        sys.exit("unknown command: " + argv[0])


if __name__ == "__main__":
    main(sys.argv[1:])
