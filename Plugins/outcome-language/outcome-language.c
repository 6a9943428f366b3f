/* outcome-language: finds quantified, time-bound commitments in the narrative answers.
 *
 * A sentence of a string under submission.answers counts when it has
 *   - a quantity: a number followed by % / "per cent" / a unit word (homes, hours, FTE, tonnes…), or a £ amount;
 *   - and a date: 2027-09-30, 09/2027, "September 2027" / "Sept 2027", or "Q3 2027".
 * fraction = min(found, config.expected) / config.expected (expected defaults to 3), truncated to millionths.
 * Answers are read in key order (the host sends canonical JSON, keys sorted), so results are deterministic. */
#include "../sdk/c/tender_plugin.h"

#define MAX_QUOTED 8
#define QUOTE_BYTES 100

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Whether the word w (lowercase) starts at s[i] (case-insensitively) and ends at a word boundary. */
static int word_at(const char *s, tp_size n, tp_size i, const char *w) {
    tp_size k = 0;
    for (; w[k]; k++)
        if (i + k >= n || tp_lower(s[i + k]) != w[k]) return 0;
    return i + k >= n || !is_alpha(s[i + k]);
}

static const char *const units[] = {
    "per cent", "percent", "homes", "home", "households", "properties", "residents", "people", "hours", "hour",
    "days", "day", "weeks", "week", "months", "month", "years", "fte", "apprentices", "apprenticeships", "jobs",
    "staff", "tonnes", "tonne", "kg", "kwh", "mwh", "co2", "miles", "km", "sites", "schools", "pupils", "visits",
    "points", "sap", "calls", "minutes", "beds", "vehicles", 0};

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec", 0};

static int digits_at(const char *s, tp_size n, tp_size i, tp_size count) {
    for (tp_size k = 0; k < count; k++)
        if (i + k >= n || !is_digit(s[i + k])) return 0;
    return i + count >= n || !is_digit(s[i + count]);
}

static int year_at(const char *s, tp_size n, tp_size i) {
    return i + 1 < n && s[i] == '2' && s[i + 1] == '0' && digits_at(s, n, i, 4);
}

static int has_quantity(const char *s, tp_size n) {
    for (tp_size i = 0; i < n; i++) {
        if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || is_alpha(s[i - 1])))) continue;
        int money = (i >= 2 && (unsigned char)s[i - 2] == 0xC2 && (unsigned char)s[i - 1] == 0xA3);
        tp_size j = i;
        while (j < n && (is_digit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < n && is_digit(s[j + 1])))) j++;
        if (money) return 1;
        if (j < n && s[j] == ' ') j++;
        if (j < n && s[j] == '%') return 1;
        for (int u = 0; units[u]; u++)
            if (word_at(s, n, j, units[u])) return 1;
        i = j;
    }
    return 0;
}

static int has_date(const char *s, tp_size n) {
    for (tp_size i = 0; i < n; i++) {
        if (i > 0 && (is_alpha(s[i - 1]) || is_digit(s[i - 1]))) continue;
        /* 2027-09-30 */
        if (year_at(s, n, i) && i + 10 <= n && s[i + 4] == '-' && digits_at(s, n, i + 5, 2) && s[i + 7] == '-' &&
            digits_at(s, n, i + 8, 2))
            return 1;
        /* 09/2027 */
        if (is_digit(s[i])) {
            tp_size j = i + (i + 1 < n && is_digit(s[i + 1]) ? 2 : 1);
            if (j < n && s[j] == '/' && year_at(s, n, j + 1)) return 1;
        }
        /* Q3 2027 */
        if ((s[i] == 'Q' || s[i] == 'q') && i + 3 < n && s[i + 1] >= '1' && s[i + 1] <= '4' && s[i + 2] == ' ' &&
            year_at(s, n, i + 3))
            return 1;
        /* September 2027, Sept 2027 */
        for (int m = 0; months[m]; m++) {
            if (!word_at(s, n, i, months[m])) continue;
            tp_size j = i + strlen(months[m]);
            if (j < n && s[j] == '.') j++;
            while (j < n && s[j] == ' ') j++;
            if (year_at(s, n, j)) return 1;
        }
    }
    return 0;
}

typedef struct {
    int found, quoted;
    tp_out *out;
} scan_state;

static void consider(scan_state *st, const char *key, tp_size key_len, const char *s, tp_size n) {
    while (n && (*s == ' ')) s++, n--;
    while (n && s[n - 1] == ' ') n--;
    if (n == 0 || !has_quantity(s, n) || !has_date(s, n)) return;
    st->found++;
    if (st->quoted >= MAX_QUOTED) return;
    tp_text(st->out, st->quoted ? "; " : ": ");
    tp_text_quote(st->out, key, key_len, 40);
    tp_text(st->out, " \"");
    tp_text_quote(st->out, s, n, QUOTE_BYTES);
    tp_text(st->out, "\"");
    st->quoted++;
}

/* Splits one answer (raw JSON string contents) into sentences. */
static void scan_answer(scan_state *st, const char *key, tp_size key_len, const char *s, tp_size n) {
    tp_size start = 0;
    for (tp_size i = 0; i < n; i++) {
        if (s[i] == '\\') {
            if (i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 'r' || s[i + 1] == 't')) {
                consider(st, key, key_len, s + start, i - start);
                start = i + 2;
            }
            i++;
            continue;
        }
        int end = s[i] == ';' || ((s[i] == '.' || s[i] == '!' || s[i] == '?') && (i + 1 == n || s[i + 1] == ' '));
        if (end) {
            consider(st, key, key_len, s + start, i + 1 - start);
            start = i + 1;
        }
    }
    if (start < n) consider(st, key, key_len, s + start, n - start);
}

TP_EXPORT("evaluate") tp_u64 evaluate(tp_u32 ptr, tp_u32 len) {
    tp_json in = tp_input(ptr, len);
    tp_json answers = tp_path(in, "submission.answers");
    tp_i64 expected = 3;
    tp_json configured = tp_path(in, "config.expected");
    if (!tp_is_absent(configured) && (!tp_decimal(configured, 0, &expected) || expected < 1)) expected = 0;
    tp_out out, evidence;
    const char *flags[1];
    if (expected < 1 || expected > 1000) {
        tp_begin_score(&out, 0, 6);
        tp_text(&out, "config expected must be a whole number from 1 to 1000");
        flags[0] = "invalid-config";
        return tp_end_score(&out, flags, 1);
    }
    evidence.buf = 0;
    evidence.len = evidence.cap = 0;
    scan_state st = {0, 0, &evidence};
    /* Walk the answers object: each member's key and string value. */
    const char *p = answers.p, *e = answers.end;
    if (p && p < e && *p == '{') {
        p = tp_ws(p + 1, e);
        while (p && p < e && *p == '"') {
            const char *key = p + 1, *after = tp_skip_string(p, e);
            if (!after) break;
            p = tp_ws(after, e);
            if (p >= e || *p != ':') break;
            tp_json value = {tp_ws(p + 1, e), e};
            const char *text;
            tp_size text_len;
            if (tp_string(value, &text, &text_len)) scan_answer(&st, key, (tp_size)(after - 1 - key), text, text_len);
            p = tp_skip(value.p, e);
            if (!p) break;
            p = tp_ws(p, e);
            if (p < e && *p == ',') p = tp_ws(p + 1, e);
        }
    }
    tp_i64 counted = st.found < expected ? st.found : expected;
    tp_begin_score(&out, tp_ratio(counted, expected, 6), 6);
    tp_text_int(&out, st.found);
    tp_text(&out, st.found == 1 ? " quantified, time-bound commitment found (" : " quantified, time-bound commitments found (");
    tp_text_int(&out, expected);
    tp_text(&out, " expected)");
    if (st.found == 0) {
        tp_text(&out, ": no sentence in the answers has both a number with a unit or % and a date or month/year.");
        flags[0] = "no-quantified-commitments";
        return tp_end_score(&out, flags, 1);
    }
    tp_out_bytes(&out, evidence.buf, evidence.len);
    if (st.found > st.quoted) {
        tp_text(&out, "; and ");
        tp_text_int(&out, st.found - st.quoted);
        tp_text(&out, " more");
    }
    tp_text(&out, ".");
    return tp_end_score(&out, 0, 0);
}
