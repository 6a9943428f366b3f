/* tender plugin SDK for freestanding C (clang --target=wasm32 -nostdlib). Header-only: include it once.
 *
 *   #include "../sdk/c/tender_plugin.h"
 *   TP_EXPORT("evaluate") tp_u64 evaluate(tp_u32 ptr, tp_u32 len) {
 *       tp_json in = tp_input(ptr, len);
 *       tp_i64 trl;
 *       tp_out out;
 *       if (!tp_decimal(tp_path(in, "submission.innovation.trl"), 0, &trl)) trl = 0;
 *       tp_begin_score(&out, trl >= 6 ? 1000000 : 0, 6);
 *       tp_text(&out, "TRL ");
 *       tp_text_int(&out, trl);
 *       return tp_end_score(&out, 0, 0);
 *   }
 *
 * Reading: a tp_json is a view of one JSON value inside the input (p == 0: absent). Writing: tp_out builds the
 * output object; text is escaped for you. Numbers are fixed-point tp_i64 values with a number of decimal places:
 * no floating point, so results are exact and deterministic. */
#ifndef TENDER_PLUGIN_H
#define TENDER_PLUGIN_H

#include "tender_runtime.h"

#define TP_FN static __attribute__((unused))

/* ---- reading JSON ---------------------------------------------------------------------------------------- */

typedef struct {
    const char *p;   /* first byte of the value, or 0 when absent */
    const char *end; /* end of the whole input */
} tp_json;

static const tp_json tp_absent __attribute__((unused)) = {0, 0};

TP_FN int tp_is_absent(tp_json v) { return v.p == 0; }

TP_FN const char *tp_ws(const char *p, const char *e) {
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    return p;
}

/* The byte after the string starting at p (which is '"'), or 0 if unterminated. */
TP_FN const char *tp_skip_string(const char *p, const char *e) {
    for (p++; p < e; p++) {
        if (*p == '\\') p++;
        else if (*p == '"') return p + 1;
    }
    return 0;
}

/* What tp_skip stops at inside an object or array: a string, an opening or a closing bracket. */
static const unsigned char tp_structural[256] __attribute__((unused)) = {
    ['"'] = 1, ['{'] = 2, ['['] = 2, ['}'] = 3, [']'] = 3};

/* The byte after the value starting at p, or 0 if malformed. */
TP_FN const char *tp_skip(const char *p, const char *e) {
    if (p >= e) return 0;
    if (*p == '"') return tp_skip_string(p, e);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        for (; p < e; p++) {
            unsigned char kind = tp_structural[(unsigned char)*p];
            if (kind == 0) continue;
            if (kind == 1) {
                p = tp_skip_string(p, e);
                if (!p) return 0;
                p--; /* the loop steps past the closing quote */
            } else if (kind == 2) {
                depth++;
            } else if (--depth == 0) {
                return p + 1;
            }
        }
        return 0;
    }
    while (p < e && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') p++;
    return p;
}

/* The wrapped input buffer the host passed to evaluate. */
TP_FN tp_json tp_input(tp_u32 ptr, tp_u32 len) {
    tp_json v;
    v.p = (const char *)(tp_size)ptr;
    v.end = v.p + len;
    v.p = tp_ws(v.p, v.end);
    return v;
}

/* The member `key` of an object, or absent. */
TP_FN tp_json tp_get(tp_json obj, const char *key) {
    tp_size klen = strlen(key);
    const char *p = obj.p, *e = obj.end;
    if (!p || p >= e || *p != '{') return tp_absent;
    p = tp_ws(p + 1, e);
    while (p < e && *p == '"') {
        const char *k = p + 1, *after = tp_skip_string(p, e);
        if (!after) return tp_absent;
        int match = (tp_size)(after - 1 - k) == klen && memcmp(k, key, klen) == 0;
        p = tp_ws(after, e);
        if (p >= e || *p != ':') return tp_absent;
        p = tp_ws(p + 1, e);
        if (match) {
            tp_json v = {p, e};
            return v;
        }
        p = tp_skip(p, e);
        if (!p) return tp_absent;
        p = tp_ws(p, e);
        if (p < e && *p == ',') p = tp_ws(p + 1, e);
    }
    return tp_absent;
}

/* The value at a dotted path of object keys, such as "submission.price.total", or absent. */
TP_FN tp_json tp_path(tp_json v, const char *path) {
    char key[64];
    while (*path && !tp_is_absent(v)) {
        tp_size n = 0;
        while (path[n] && path[n] != '.' && n < sizeof key - 1) {
            key[n] = path[n];
            n++;
        }
        key[n] = 0;
        v = tp_get(v, key);
        path += n;
        if (*path == '.') path++;
    }
    return v;
}

/* One member of an object: its key (raw, escapes not decoded) and value. key == 0 when there is none. */
typedef struct {
    const char *key;
    tp_size key_len;
    tp_json value;
} tp_member;

static const tp_member tp_no_member __attribute__((unused)) = {0, 0, {0, 0}};

/* The member whose key starts at p (which is '"'), or none. */
TP_FN tp_member tp_member_at(const char *p, const char *e) {
    tp_member m = tp_no_member;
    if (p >= e || *p != '"') return m;
    const char *after = tp_skip_string(p, e);
    if (!after) return m;
    const char *colon = tp_ws(after, e);
    if (colon >= e || *colon != ':') return m;
    m.key = p + 1;
    m.key_len = (tp_size)(after - 1 - m.key);
    m.value.p = tp_ws(colon + 1, e);
    m.value.end = e;
    return m;
}

/* Loop over an object's members once, in order, instead of looking each key up from the start:
 *   for (tp_member m = tp_first_member(obj); m.key; m = tp_next_member(m)) if (tp_key_is(m, "spend")) … */
TP_FN tp_member tp_first_member(tp_json obj) {
    if (!obj.p || obj.p >= obj.end || *obj.p != '{') return tp_no_member;
    return tp_member_at(tp_ws(obj.p + 1, obj.end), obj.end);
}

TP_FN tp_member tp_next_member(tp_member m) {
    const char *e = m.value.end, *p = tp_skip(m.value.p, e);
    if (!p) return tp_no_member;
    p = tp_ws(p, e);
    if (p >= e || *p != ',') return tp_no_member;
    return tp_member_at(tp_ws(p + 1, e), e);
}

/* Whether the member's key is `key` (a NUL-terminated literal). */
TP_FN int tp_key_is(tp_member m, const char *key) {
    tp_size i = 0;
    for (; i < m.key_len; i++)
        if (key[i] != m.key[i]) return 0;
    return key[i] == 0;
}

/* The first element of an array, or absent (also when empty or not an array). */
TP_FN tp_json tp_first(tp_json array) {
    if (!array.p || array.p >= array.end || *array.p != '[') return tp_absent;
    const char *p = tp_ws(array.p + 1, array.end);
    if (p >= array.end || *p == ']') return tp_absent;
    tp_json v = {p, array.end};
    return v;
}

/* The element after `element` in its array, or absent at the end. */
TP_FN tp_json tp_next(tp_json element) {
    const char *p = tp_skip(element.p, element.end);
    if (!p) return tp_absent;
    p = tp_ws(p, element.end);
    if (p >= element.end || *p != ',') return tp_absent;
    tp_json v = {tp_ws(p + 1, element.end), element.end};
    return v;
}

/* Loop over an array: for (tp_json x = tp_first(a); !tp_is_absent(x); x = tp_next(x)) { … } */
TP_FN int tp_count(tp_json array) {
    int n = 0;
    for (tp_json x = tp_first(array); !tp_is_absent(x); x = tp_next(x)) n++;
    return n;
}

/* 1 and *out set when v is true or false. */
TP_FN int tp_bool(tp_json v, int *out) {
    if (!v.p || v.p + 4 > v.end) return 0;
    if (memcmp(v.p, "true", 4) == 0) return (*out = 1), 1;
    if (v.p + 5 <= v.end && memcmp(v.p, "false", 5) == 0) return (*out = 0), 1;
    return 0;
}

/* 1 and the raw contents (escapes not decoded) when v is a string. */
TP_FN int tp_string(tp_json v, const char **s, tp_size *n) {
    if (!v.p || v.p >= v.end || *v.p != '"') return 0;
    const char *after = tp_skip_string(v.p, v.end);
    if (!after) return 0;
    *s = v.p + 1;
    *n = (tp_size)(after - 1 - *s);
    return 1;
}

TP_FN char tp_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* Whether the string value v equals text, ignoring ASCII case. */
TP_FN int tp_string_eq_nocase(tp_json v, const char *s, tp_size n) {
    const char *raw;
    tp_size len;
    if (!tp_string(v, &raw, &len) || len != n) return 0;
    for (tp_size i = 0; i < n; i++)
        if (tp_lower(raw[i]) != tp_lower(s[i])) return 0;
    return 1;
}

/* Parses "-12.345" in [s, s+n) as a fixed-point number with `places` decimals (extra digits truncated). */
TP_FN int tp_parse_fixed(const char *s, tp_size n, int places, tp_i64 *out) {
    tp_size i = 0;
    int negative = 0, digits = 0, frac = -1;
    tp_i64 value = 0;
    if (i < n && s[i] == '-') negative = 1, i++;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (c < '0' || c > '9') return 0;
        if (frac >= 0 && frac >= places) continue;
        if (++digits > 17) return 0;
        value = value * 10 + (c - '0');
        if (frac >= 0) frac++;
    }
    if (digits == 0) return 0;
    for (int k = frac < 0 ? 0 : frac; k < places; k++) {
        if (value > 922337203685477580LL) return 0;
        value *= 10;
    }
    *out = negative ? -value : value;
    return 1;
}

/* A number (integer) or decimal string such as "0.25" as fixed-point with `places` decimals. */
TP_FN int tp_decimal(tp_json v, int places, tp_i64 *out) {
    const char *s;
    tp_size n;
    if (tp_string(v, &s, &n)) return tp_parse_fixed(s, n, places, out);
    if (!v.p || v.p >= v.end) return 0;
    const char *after = tp_skip(v.p, v.end);
    if (!after) return 0;
    return tp_parse_fixed(v.p, (tp_size)(after - v.p), places, out);
}

/* floor(a / b * 10^places) for 0 <= a, 0 < b, without overflow (long division). */
TP_FN tp_i64 tp_ratio(tp_i64 a, tp_i64 b, int places) {
    tp_i64 q = a / b, r = a % b;
    for (int k = 0; k < places; k++) {
        tp_i64 d = (r * 10) / b;
        r = (r * 10) % b;
        q = q * 10 + d;
    }
    return q;
}

/* ---- writing the output ------------------------------------------------------------------------------------ */

typedef struct {
    char *buf;
    tp_size len, cap;
} tp_out;

TP_FN void tp_out_bytes(tp_out *o, const char *s, tp_size n) {
    if (o->len + n > o->cap) {
        tp_size cap = (o->cap ? o->cap * 2 : 4096) + n;
        char *grown = (char *)tp_alloc(cap);
        if (!grown) return; /* out of memory: the host reports the truncated output as invalid JSON */
        if (o->len) memcpy(grown, o->buf, o->len);
        o->buf = grown;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

TP_FN void tp_out_raw(tp_out *o, const char *s) { tp_out_bytes(o, s, strlen(s)); }

/* Appends text inside a JSON string, escaping quotes, backslashes and control characters. */
TP_FN void tp_text_n(tp_out *o, const char *s, tp_size n) {
    static const char hex[] = "0123456789abcdef";
    tp_size run = 0; /* start of the current run of bytes that need no escaping */
    for (tp_size i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != '"' && c != '\\' && c >= 0x20) continue;
        tp_out_bytes(o, s + run, i - run);
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            tp_out_bytes(o, esc, 2);
        } else {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            tp_out_bytes(o, esc, 6);
        }
        run = i + 1;
    }
    tp_out_bytes(o, s + run, n - run);
}

TP_FN void tp_text(tp_out *o, const char *s) { tp_text_n(o, s, strlen(s)); }

/* Appends raw JSON string contents (already escaped, as read by tp_string) up to max bytes, cut at a safe
 * boundary (never inside an escape or a UTF-8 sequence) and followed by "…" when cut. */
TP_FN void tp_text_quote(tp_out *o, const char *raw, tp_size n, tp_size max) {
    if (n <= max) {
        tp_out_bytes(o, raw, n);
        return;
    }
    tp_size cut = 0, i = 0;
    while (i < max) {
        tp_size step = 1;
        if (raw[i] == '\\') step = raw[i + 1] == 'u' ? 6 : 2;
        else if (((unsigned char)raw[i] & 0xE0) == 0xC0) step = 2;
        else if (((unsigned char)raw[i] & 0xF0) == 0xE0) step = 3;
        else if (((unsigned char)raw[i] & 0xF8) == 0xF0) step = 4;
        if (i + step > max) break;
        i += step;
        cut = i;
    }
    tp_out_bytes(o, raw, cut);
    tp_out_raw(o, "\xE2\x80\xA6");
}

TP_FN void tp_text_int(tp_out *o, tp_i64 v) {
    char digits[24];
    int n = 0;
    tp_u64 u = v < 0 ? (tp_u64)(-(v + 1)) + 1 : (tp_u64)v;
    if (v < 0) tp_out_bytes(o, "-", 1);
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n) tp_out_bytes(o, &digits[--n], 1);
}

/* Appends a fixed-point value with `places` decimals, trailing zeros trimmed: 750000 (6) -> 0.75. */
TP_FN void tp_text_fixed(tp_out *o, tp_i64 v, int places) {
    tp_i64 scale = 1;
    for (int k = 0; k < places; k++) scale *= 10;
    if (v < 0) {
        tp_out_bytes(o, "-", 1);
        v = -v;
    }
    tp_text_int(o, v / scale);
    tp_i64 frac = v % scale;
    if (frac == 0) return;
    char digits[20];
    int n = places;
    for (int k = places - 1; k >= 0; k--) {
        digits[k] = (char)('0' + frac % 10);
        frac /= 10;
    }
    while (n > 0 && digits[n - 1] == '0') n--;
    tp_out_bytes(o, ".", 1);
    tp_out_bytes(o, digits, (tp_size)n);
}

TP_FN tp_u64 tp_packed(tp_out *o) { return ((tp_u64)(tp_size)o->buf << 32) | (tp_u64)o->len; }

/* Starts {"fraction":"…","explanation":" — then append the explanation with tp_text*. */
TP_FN void tp_begin_score(tp_out *o, tp_i64 fraction, int places) {
    o->buf = 0;
    o->len = o->cap = 0;
    tp_out_raw(o, "{\"fraction\":\"");
    tp_text_fixed(o, fraction, places);
    tp_out_raw(o, "\",\"explanation\":\"");
}

/* Ends the explanation, adds the flags, and returns the ABI's packed (pointer << 32) | length. */
TP_FN tp_u64 tp_end_score(tp_out *o, const char *const *flags, int count) {
    tp_out_raw(o, "\",\"flags\":[");
    for (int i = 0; i < count; i++) {
        if (i) tp_out_raw(o, ",");
        tp_out_raw(o, "\"");
        tp_text(o, flags[i]);
        tp_out_raw(o, "\"");
    }
    tp_out_raw(o, "]}");
    return tp_packed(o);
}

/* Starts {"pass":true|false,"reason":" — then append the reason with tp_text*. */
TP_FN void tp_begin_gate(tp_out *o, int pass) {
    o->buf = 0;
    o->len = o->cap = 0;
    tp_out_raw(o, pass ? "{\"pass\":true,\"reason\":\"" : "{\"pass\":false,\"reason\":\"");
}

TP_FN tp_u64 tp_end_gate(tp_out *o) {
    tp_out_raw(o, "\"}");
    return tp_packed(o);
}

#endif
