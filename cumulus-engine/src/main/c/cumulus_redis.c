/*
 * Cumulus's Redis module: float32 vector arithmetic inside the store, so that a peer averages its
 * functions' gradients where they already are (SPIRT's in-database aggregation, without RedisAI).
 *
 * Values are float vectors in Cumulus's channel form (dev.cumulus.channel.codec.FloatCodec,
 * uncompressed): byte 'F', a flags byte of 0, the float count as int32 little-endian, then the
 * floats, little-endian IEEE 754. Every operation runs element by element in float (never double),
 * in argument order, so that a Java loop doing the same operations in the same order gives the
 * same bits.
 *
 *   CUMULUS.ADDF32 acc key [key ...]   acc += key1 + key2 + ... (left to right); an absent acc starts
 *                                      as a copy of key1. Replies with the float count.
 *   CUMULUS.SCALEF32 key factor        key *= (float) factor. Replies with the float count.
 *   CUMULUS.AXPYF32 w g lr             w -= (float) lr * g, in place. Replies with the float count.
 *   CUMULUS.MEANF32 factor acc key [key ...]
 *                                      acc = (key1 + key2 + ...) * (float) factor, the additions left
 *                                      to right, then the scaling: ADDF32 into an absent acc, then
 *                                      SCALEF32, in one command (one round trip). Any old acc is
 *                                      replaced; acc may be one of the keys (then
 *                                      through a buffer of its own). Replies with the float count.
 *   CUMULUS.STEPF32 factor lr w acc key [key ...]
 *                                      MEANF32 into acc, then AXPYF32 of acc into w: a peer's whole
 *                                      averaging and model update in one round trip. w must exist and
 *                                      differ from acc and from every key. Replies with the float count.
 *
 * The fused commands take their numbers first so that every argument from the first key on is a key
 * (firstkey, lastkey -1): ACL key patterns and cluster routing see exactly the keys they touch.
 *
 * The module API is reached as every module reaches it: the server passes a context whose first
 * field is RedisModule_GetApi, which returns each API function by name. The declarations below
 * are the few this module uses, written from the API reference (https://redis.io/docs/reference/modules/).
 *
 * Build: cc -O2 -ffp-contract=off -shared -fPIC -o cumulus_redis.so cumulus_redis.c
 * Load:  redis-server --loadmodule /path/to/cumulus_redis.so
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct RedisModuleCtx RedisModuleCtx;
typedef struct RedisModuleKey RedisModuleKey;
typedef struct RedisModuleString RedisModuleString;
typedef int (*RedisModuleCmdFunc)(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);

#define REDISMODULE_OK 0
#define REDISMODULE_ERR 1
#define REDISMODULE_APIVER_1 1
#define REDISMODULE_READ (1 << 0)
#define REDISMODULE_WRITE (1 << 1)
#define REDISMODULE_KEYTYPE_EMPTY 0
#define REDISMODULE_KEYTYPE_STRING 1

static int (*RedisModule_GetApi)(const char *name, void *target);
static void (*RedisModule_SetModuleAttribs)(RedisModuleCtx *ctx, const char *name, int ver, int apiver);
static int (*RedisModule_IsModuleNameBusy)(const char *name);
static int (*RedisModule_CreateCommand)(RedisModuleCtx *ctx, const char *name, RedisModuleCmdFunc fn,
                                        const char *flags, int firstkey, int lastkey, int keystep);
static void *(*RedisModule_OpenKey)(RedisModuleCtx *ctx, RedisModuleString *name, int mode);
static void (*RedisModule_CloseKey)(RedisModuleKey *key);
static int (*RedisModule_KeyType)(RedisModuleKey *key);
static char *(*RedisModule_StringDMA)(RedisModuleKey *key, size_t *len, int mode);
static int (*RedisModule_StringTruncate)(RedisModuleKey *key, size_t newlen);
static int (*RedisModule_StringToDouble)(const RedisModuleString *str, double *d);
static int (*RedisModule_ReplyWithError)(RedisModuleCtx *ctx, const char *err);
static int (*RedisModule_ReplyWithLongLong)(RedisModuleCtx *ctx, long long ll);
static int (*RedisModule_WrongArity)(RedisModuleCtx *ctx);
static int (*RedisModule_ReplicateVerbatim)(RedisModuleCtx *ctx);
static int (*RedisModule_SignalModifiedKey)(RedisModuleCtx *ctx, RedisModuleString *keyname);
static int (*RedisModule_StringCompare)(RedisModuleString *a, RedisModuleString *b);

#define API(name) RedisModule_GetApi("RedisModule_" #name, (void *) &RedisModule_##name)

static int init_api(RedisModuleCtx *ctx) {
    /* The context's first field is the look-up function (REDISMODULE_GET_API in the server). */
    RedisModule_GetApi = (int (*)(const char *, void *)) ((void **) ctx)[0];
    int missing = 0;
    missing |= API(SetModuleAttribs);
    API(IsModuleNameBusy); /* optional: absent before Redis 6 */
    missing |= API(CreateCommand);
    missing |= API(OpenKey);
    missing |= API(CloseKey);
    missing |= API(KeyType);
    missing |= API(StringDMA);
    missing |= API(StringTruncate);
    missing |= API(StringToDouble);
    missing |= API(ReplyWithError);
    missing |= API(ReplyWithLongLong);
    missing |= API(WrongArity);
    missing |= API(ReplicateVerbatim);
    missing |= API(SignalModifiedKey);
    missing |= API(StringCompare);
    return missing ? REDISMODULE_ERR : REDISMODULE_OK;
}

enum { HEADER_BYTES = 6 };

static uint32_t read_count(const unsigned char *p) {
    return (uint32_t) p[2] | (uint32_t) p[3] << 8 | (uint32_t) p[4] << 16 | (uint32_t) p[5] << 24;
}

static void write_header(unsigned char *p, uint32_t count) {
    p[0] = 'F';
    p[1] = 0;
    p[2] = (unsigned char) count;
    p[3] = (unsigned char) (count >> 8);
    p[4] = (unsigned char) (count >> 16);
    p[5] = (unsigned char) (count >> 24);
}

/* The floats of an open string key, or NULL with *why set when it is not an uncompressed vector. */
static unsigned char *vector(RedisModuleKey *key, int mode, uint32_t *count, const char **why) {
    if (RedisModule_KeyType(key) != REDISMODULE_KEYTYPE_STRING) {
        *why = RedisModule_KeyType(key) == REDISMODULE_KEYTYPE_EMPTY ? "ERR no such key"
                : "WRONGTYPE the key does not hold a string";
        return NULL;
    }
    size_t len = 0;
    unsigned char *p = (unsigned char *) RedisModule_StringDMA(key, &len, mode);
    if (len < HEADER_BYTES || p[0] != 'F') {
        *why = "ERR not a Cumulus float vector";
        return NULL;
    }
    if (p[1] != 0) {
        *why = "ERR compressed float vectors are not supported";
        return NULL;
    }
    *count = read_count(p);
    if (len != HEADER_BYTES + 4 * (size_t) *count) {
        *why = "ERR float vector length does not match its header";
        return NULL;
    }
    return p + HEADER_BYTES;
}

/* Little-endian hosts only (x86-64, arm64): the floats are used in place. */
static float *floats(unsigned char *p) {
    return (float *) (void *) p;
}

static int read_factor(RedisModuleString *arg, float *out) {
    double d;
    if (RedisModule_StringToDouble(arg, &d) != REDISMODULE_OK) {
        return REDISMODULE_ERR;
    }
    *out = (float) d;
    return REDISMODULE_OK;
}

static int add_command(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    if (argc < 3) {
        return RedisModule_WrongArity(ctx);
    }
    const char *why = NULL;
    uint32_t n = 0;
    RedisModuleKey *acc = RedisModule_OpenKey(ctx, argv[1], REDISMODULE_READ | REDISMODULE_WRITE);
    int first = 2;
    if (RedisModule_KeyType(acc) == REDISMODULE_KEYTYPE_EMPTY) {
        RedisModuleKey *src = RedisModule_OpenKey(ctx, argv[2], REDISMODULE_READ);
        unsigned char *s = vector(src, REDISMODULE_READ, &n, &why);
        if (s == NULL) {
            RedisModule_CloseKey(src);
            RedisModule_CloseKey(acc);
            return RedisModule_ReplyWithError(ctx, why);
        }
        /* A copy: the source's buffer may move when the accumulator is created. */
        size_t bytes = 4 * (size_t) n;
        unsigned char *copy = malloc(bytes ? bytes : 1);
        memcpy(copy, s, bytes);
        RedisModule_CloseKey(src);
        RedisModule_StringTruncate(acc, HEADER_BYTES + bytes);
        size_t len = 0;
        unsigned char *p = (unsigned char *) RedisModule_StringDMA(acc, &len, REDISMODULE_WRITE);
        write_header(p, n);
        memcpy(p + HEADER_BYTES, copy, bytes);
        free(copy);
        first = 3;
    }
    unsigned char *a = vector(acc, REDISMODULE_WRITE, &n, &why);
    if (a == NULL) {
        RedisModule_CloseKey(acc);
        return RedisModule_ReplyWithError(ctx, why);
    }
    float *sum = floats(a);
    for (int k = first; k < argc; k++) {
        uint32_t m = 0;
        RedisModuleKey *src = RedisModule_OpenKey(ctx, argv[k], REDISMODULE_READ);
        unsigned char *s = vector(src, REDISMODULE_READ, &m, &why);
        if (s == NULL || m != n) {
            RedisModule_CloseKey(src);
            RedisModule_CloseKey(acc);
            return RedisModule_ReplyWithError(ctx, s == NULL ? why : "ERR float vectors differ in length");
        }
        const float *x = floats(s);
        for (uint32_t i = 0; i < n; i++) {
            sum[i] += x[i];
        }
        RedisModule_CloseKey(src);
    }
    RedisModule_CloseKey(acc);
    RedisModule_SignalModifiedKey(ctx, argv[1]);
    RedisModule_ReplicateVerbatim(ctx);
    return RedisModule_ReplyWithLongLong(ctx, n);
}

static int scale_command(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    if (argc != 3) {
        return RedisModule_WrongArity(ctx);
    }
    float factor;
    if (read_factor(argv[2], &factor) != REDISMODULE_OK) {
        return RedisModule_ReplyWithError(ctx, "ERR factor is not a number");
    }
    const char *why = NULL;
    uint32_t n = 0;
    RedisModuleKey *key = RedisModule_OpenKey(ctx, argv[1], REDISMODULE_READ | REDISMODULE_WRITE);
    unsigned char *p = vector(key, REDISMODULE_WRITE, &n, &why);
    if (p == NULL) {
        RedisModule_CloseKey(key);
        return RedisModule_ReplyWithError(ctx, why);
    }
    float *v = floats(p);
    for (uint32_t i = 0; i < n; i++) {
        v[i] *= factor;
    }
    RedisModule_CloseKey(key);
    RedisModule_SignalModifiedKey(ctx, argv[1]);
    RedisModule_ReplicateVerbatim(ctx);
    return RedisModule_ReplyWithLongLong(ctx, n);
}

static int axpy_command(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    if (argc != 4) {
        return RedisModule_WrongArity(ctx);
    }
    float rate;
    if (read_factor(argv[3], &rate) != REDISMODULE_OK) {
        return RedisModule_ReplyWithError(ctx, "ERR learning rate is not a number");
    }
    const char *why = NULL;
    uint32_t n = 0;
    uint32_t m = 0;
    RedisModuleKey *wk = RedisModule_OpenKey(ctx, argv[1], REDISMODULE_READ | REDISMODULE_WRITE);
    RedisModuleKey *gk = RedisModule_OpenKey(ctx, argv[2], REDISMODULE_READ);
    unsigned char *wp = vector(wk, REDISMODULE_WRITE, &n, &why);
    unsigned char *gp = wp == NULL ? NULL : vector(gk, REDISMODULE_READ, &m, &why);
    if (wp == NULL || gp == NULL || m != n) {
        RedisModule_CloseKey(gk);
        RedisModule_CloseKey(wk);
        return RedisModule_ReplyWithError(ctx, wp == NULL || gp == NULL ? why : "ERR float vectors differ in length");
    }
    float *w = floats(wp);
    const float *g = floats(gp);
    for (uint32_t i = 0; i < n; i++) {
        w[i] -= rate * g[i];
    }
    RedisModule_CloseKey(gk);
    RedisModule_CloseKey(wk);
    RedisModule_SignalModifiedKey(ctx, argv[1]);
    RedisModule_ReplicateVerbatim(ctx);
    return RedisModule_ReplyWithLongLong(ctx, n);
}

/* Elements per block of the fused commands: a block of the mean stays in L1 while every source is
 * added into it, scaled and applied, so the sum is one pass over each vector, never a second one. */
enum { BLOCK = 2048 };

/*
 * The fused mean (and update): mean = (src[0] + src[1] + ...) * factor, element by element in float,
 * the additions left to right, then w -= rate * mean if w is not NULL; the mean goes to out. The same
 * operations on each element in the same order as ADDF32, SCALEF32 and AXPYF32 one after the other,
 * so the same bits.
 */
static void mean_step(const float **src, int k, uint32_t n, float factor, float rate, float *w, float *out) {
    for (uint32_t start = 0; start < n; start += BLOCK) {
        uint32_t end = n - start < BLOCK ? n : start + BLOCK;
        float *m = out + start;
        uint32_t len = end - start;
        memcpy(m, src[0] + start, 4 * (size_t) len);
        for (int j = 1; j < k; j++) {
            const float *x = src[j] + start;
            for (uint32_t i = 0; i < len; i++) {
                m[i] += x[i];
            }
        }
        for (uint32_t i = 0; i < len; i++) {
            m[i] *= factor;
        }
        if (w != NULL) {
            float *v = w + start;
            for (uint32_t i = 0; i < len; i++) {
                v[i] -= rate * m[i];
            }
        }
    }
}

/* Opens acc for writing as a vector of n floats (any old value replaced); its floats, or NULL with *why set. */
static float *open_output(RedisModuleCtx *ctx, RedisModuleString *name, uint32_t n, RedisModuleKey **acc,
                          const char **why) {
    *acc = RedisModule_OpenKey(ctx, name, REDISMODULE_READ | REDISMODULE_WRITE);
    int type = RedisModule_KeyType(*acc);
    if (type != REDISMODULE_KEYTYPE_EMPTY && type != REDISMODULE_KEYTYPE_STRING) {
        *why = "WRONGTYPE the key does not hold a string";
        return NULL;
    }
    size_t len = 0;
    RedisModule_StringTruncate(*acc, HEADER_BYTES + 4 * (size_t) n);
    unsigned char *out = (unsigned char *) RedisModule_StringDMA(*acc, &len, REDISMODULE_WRITE);
    write_header(out, n);
    return floats(out + HEADER_BYTES);
}

/*
 * MEANF32 (w_arg 0) and STEPF32 (w_arg the model's argument): argv[acc_arg] is the mean's key, the
 * sources follow it. The sources and w are read in place; w must not be a source, since it is
 * written while they are read. The mean goes straight into acc, unless acc is also a source: then
 * into a buffer of its own, copied into acc once the sources are closed.
 */
static int fused_command(RedisModuleCtx *ctx, RedisModuleString **argv, int argc, int w_arg, int acc_arg,
                         float factor, float rate) {
    int k = argc - acc_arg - 1;
    int aliased = 0;
    for (int j = acc_arg + 1; j < argc; j++) {
        if (w_arg != 0 && RedisModule_StringCompare(argv[w_arg], argv[j]) == 0) {
            return RedisModule_ReplyWithError(ctx, "ERR the model must differ from the mean and from every source");
        }
        aliased |= RedisModule_StringCompare(argv[acc_arg], argv[j]) == 0;
    }
    if (w_arg != 0 && RedisModule_StringCompare(argv[w_arg], argv[acc_arg]) == 0) {
        return RedisModule_ReplyWithError(ctx, "ERR the model must differ from the mean and from every source");
    }
    const char *why = NULL;
    uint32_t n = 0;
    RedisModuleKey **keys = calloc((size_t) k, sizeof(RedisModuleKey *));
    const float **src = calloc((size_t) k, sizeof(float *));
    float *buffer = NULL;
    float *mean = NULL;
    float *w = NULL;
    RedisModuleKey *wk = NULL;
    RedisModuleKey *acc = NULL;
    int reply;
    if (keys == NULL || src == NULL) {
        reply = RedisModule_ReplyWithError(ctx, "ERR out of memory");
        goto done;
    }
    for (int j = 0; j < k; j++) {
        uint32_t m = 0;
        keys[j] = RedisModule_OpenKey(ctx, argv[acc_arg + 1 + j], REDISMODULE_READ);
        unsigned char *p = vector(keys[j], REDISMODULE_READ, &m, &why);
        if (p == NULL || (j > 0 && m != n)) {
            reply = RedisModule_ReplyWithError(ctx, p == NULL ? why : "ERR float vectors differ in length");
            goto done;
        }
        n = m;
        src[j] = floats(p);
    }
    if (w_arg != 0) {
        /* Checked before acc is touched: a refused step changes nothing. */
        uint32_t m = 0;
        wk = RedisModule_OpenKey(ctx, argv[w_arg], REDISMODULE_READ | REDISMODULE_WRITE);
        unsigned char *p = vector(wk, REDISMODULE_WRITE, &m, &why);
        if (p == NULL || m != n) {
            reply = RedisModule_ReplyWithError(ctx, p == NULL ? why : "ERR float vectors differ in length");
            goto done;
        }
        w = floats(p);
    }
    if (aliased) {
        mean = buffer = malloc(n ? 4 * (size_t) n : 1);
        if (buffer == NULL) {
            reply = RedisModule_ReplyWithError(ctx, "ERR out of memory");
            goto done;
        }
    } else if ((mean = open_output(ctx, argv[acc_arg], n, &acc, &why)) == NULL) {
        /* Another key's creation or resizing moves neither the sources' buffers nor w's. */
        reply = RedisModule_ReplyWithError(ctx, why);
        goto done;
    }
    mean_step(src, k, n, factor, rate, w, mean);
    if (aliased) {
        for (int j = 0; j < k; j++) {
            RedisModule_CloseKey(keys[j]);
            keys[j] = NULL;
        }
        float *out = open_output(ctx, argv[acc_arg], n, &acc, &why);
        if (out == NULL) {
            reply = RedisModule_ReplyWithError(ctx, why);
            goto done;
        }
        memcpy(out, buffer, 4 * (size_t) n);
    }
    RedisModule_SignalModifiedKey(ctx, argv[acc_arg]);
    if (w_arg != 0) {
        RedisModule_SignalModifiedKey(ctx, argv[w_arg]);
    }
    RedisModule_ReplicateVerbatim(ctx);
    reply = RedisModule_ReplyWithLongLong(ctx, n);
done:
    if (keys != NULL) {
        for (int j = 0; j < k; j++) {
            if (keys[j] != NULL) {
                RedisModule_CloseKey(keys[j]);
            }
        }
    }
    if (acc != NULL) {
        RedisModule_CloseKey(acc);
    }
    if (wk != NULL) {
        RedisModule_CloseKey(wk);
    }
    free(buffer);
    free(src);
    free(keys);
    return reply;
}

static int mean_command(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    if (argc < 4) {
        return RedisModule_WrongArity(ctx);
    }
    float factor;
    if (read_factor(argv[1], &factor) != REDISMODULE_OK) {
        return RedisModule_ReplyWithError(ctx, "ERR factor is not a number");
    }
    return fused_command(ctx, argv, argc, 0, 2, factor, 0);
}

static int step_command(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    if (argc < 6) {
        return RedisModule_WrongArity(ctx);
    }
    float factor;
    float rate;
    if (read_factor(argv[1], &factor) != REDISMODULE_OK) {
        return RedisModule_ReplyWithError(ctx, "ERR factor is not a number");
    }
    if (read_factor(argv[2], &rate) != REDISMODULE_OK) {
        return RedisModule_ReplyWithError(ctx, "ERR learning rate is not a number");
    }
    return fused_command(ctx, argv, argc, 3, 4, factor, rate);
}

int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    (void) argv;
    (void) argc;
    if (init_api(ctx) != REDISMODULE_OK) {
        return REDISMODULE_ERR;
    }
    if (RedisModule_IsModuleNameBusy != NULL && RedisModule_IsModuleNameBusy("cumulus")) {
        return REDISMODULE_ERR;
    }
    RedisModule_SetModuleAttribs(ctx, "cumulus", 1, REDISMODULE_APIVER_1);
    if (RedisModule_CreateCommand(ctx, "cumulus.addf32", add_command, "write deny-oom", 1, -1, 1) != REDISMODULE_OK
            || RedisModule_CreateCommand(ctx, "cumulus.scalef32", scale_command, "write deny-oom", 1, 1, 1) != REDISMODULE_OK
            || RedisModule_CreateCommand(ctx, "cumulus.axpyf32", axpy_command, "write deny-oom", 1, 2, 1) != REDISMODULE_OK
            || RedisModule_CreateCommand(ctx, "cumulus.meanf32", mean_command, "write deny-oom", 2, -1, 1) != REDISMODULE_OK
            || RedisModule_CreateCommand(ctx, "cumulus.stepf32", step_command, "write deny-oom", 3, -1, 1) != REDISMODULE_OK) {
        return REDISMODULE_ERR;
    }
    return REDISMODULE_OK;
}
