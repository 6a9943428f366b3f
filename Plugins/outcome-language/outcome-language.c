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

/* Whether a word or number may start at s[i]: the byte before it is neither a letter nor a digit. */
static int boundary(const char *s, tp_size i) { return i == 0 || !(is_alpha(s[i - 1]) || is_digit(s[i - 1])); }

/* Where the digit runs of a sentence start (a digit after a non-digit): every number and every year starts
 * one. Sentences with more runs than fit are searched byte by byte. */
#define MAX_RUNS 32
typedef struct {
    const char *at[MAX_RUNS];
    int count, overflow;
    const char *first, *last; /* the first and last digit, or 0 */
} digit_runs;

/* Whether a number starting at s[i] (a digit at a boundary) is a quantity: a £ amount, or followed by % or a unit
 * word. Otherwise *resume is set to where the search for the next number goes on: past the number and one space
 * after it, and one byte further. */
static int quantity_at(const char *s, tp_size n, tp_size i, tp_size *resume) {
    int money = (i >= 2 && (unsigned char)s[i - 2] == 0xC2 && (unsigned char)s[i - 1] == 0xA3);
    tp_size j = i;
    while (j < n && (is_digit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < n && is_digit(s[j + 1])))) j++;
    if (money) return 1;
    if (j < n && s[j] == ' ') j++;
    if (j < n && s[j] == '%') return 1;
    for (int u = 0; units[u]; u++)
        if (word_at(s, n, j, units[u])) return 1;
    *resume = j + 1;
    return 0;
}

/* A number at a boundary followed by % or a unit word, or a £ amount. Numbers start digit runs, so only those
 * are tried (or, when there were too many to note, every digit from the first to the last). */
static int has_quantity(const char *s, tp_size n, const digit_runs *runs) {
    tp_size resume = 0;
    if (!runs->overflow) {
        for (int r = 0; r < runs->count; r++) {
            tp_size i = (tp_size)(runs->at[r] - s);
            if (i >= resume && boundary(s, i) && quantity_at(s, n, i, &resume)) return 1;
        }
        return 0;
    }
    for (tp_size i = (tp_size)(runs->first - s), last = (tp_size)(runs->last - s); i <= last; i++)
        if (i >= resume && is_digit(s[i]) && boundary(s, i) && quantity_at(s, n, i, &resume)) return 1;
    return 0;
}

/* Whether the year at s[y] completes a date: 2027-09-30 (starting at y), 09/2027, Q3 2027, or a month name,
 * an optional '.' and spaces before it (September 2027, Sept.2027: "Sept. 2027" is two sentences, as before). Each
 * form starts at a boundary. */
static int date_with_year(const char *s, tp_size n, tp_size y) {
    if (boundary(s, y) && y + 10 <= n && s[y + 4] == '-' && digits_at(s, n, y + 5, 2) && s[y + 7] == '-' &&
        digits_at(s, n, y + 8, 2))
        return 1;
    if (y >= 2 && s[y - 1] == '/' && is_digit(s[y - 2])) {
        if (y >= 3 && is_digit(s[y - 3])) {
            if (boundary(s, y - 3)) return 1;
        } else if (boundary(s, y - 2)) {
            return 1;
        }
    }
    if (y >= 3 && s[y - 1] == ' ' && s[y - 2] >= '1' && s[y - 2] <= '4' && (s[y - 3] == 'Q' || s[y - 3] == 'q') &&
        boundary(s, y - 3))
        return 1;
    tp_size end = y;
    while (end > 0 && s[end - 1] == ' ') end--;
    if (end > 0 && s[end - 1] == '.') end--;
    tp_size word = end;
    while (word > 0 && is_alpha(s[word - 1])) word--;
    if (word == end || !boundary(s, word)) return 0;
    for (int m = 0; months[m]; m++)
        if (strlen(months[m]) == end - word && word_at(s, n, word, months[m])) return 1;
    return 0;
}

/* A date needs a year (20dd, not followed by a digit), which starts a digit run. */
static int has_date(const char *s, tp_size n, const digit_runs *runs) {
    if (!runs->overflow) {
        for (int r = 0; r < runs->count; r++) {
            tp_size y = (tp_size)(runs->at[r] - s);
            if (year_at(s, n, y) && date_with_year(s, n, y)) return 1;
        }
        return 0;
    }
    for (tp_size y = (tp_size)(runs->first - s), last = (tp_size)(runs->last - s); y <= last; y++)
        if (year_at(s, n, y) && date_with_year(s, n, y)) return 1;
    return 0;
}

typedef struct {
    int found, quoted;
    tp_out *out;
} scan_state;

/* One sentence [s, s + n) and its digit runs. Without a digit it has neither a quantity nor a date. */
static void consider(scan_state *st, const char *key, tp_size key_len, const char *s, tp_size n,
                     const digit_runs *runs) {
    if (!runs->first) return;
    while (n && (*s == ' ')) s++, n--;
    while (n && s[n - 1] == ' ') n--;
    if (n == 0 || !has_quantity(s, n, runs) || !has_date(s, n, runs)) return;
    st->found++;
    if (st->quoted >= MAX_QUOTED) return;
    tp_text(st->out, st->quoted ? "; " : ": ");
    tp_text_quote(st->out, key, key_len, 40);
    tp_text(st->out, " \"");
    tp_text_quote(st->out, s, n, QUOTE_BYTES);
    tp_text(st->out, "\"");
    st->quoted++;
}

/* The bytes an answer's scan stops at: digits, sentence ends, escapes and the closing quote. */
enum { DIGIT = 1, STOP = 2, ESCAPE = 3, QUOTE = 4 };
static const unsigned char byte_class[256] = {
    ['0'] = DIGIT, ['1'] = DIGIT, ['2'] = DIGIT, ['3'] = DIGIT, ['4'] = DIGIT, ['5'] = DIGIT, ['6'] = DIGIT,
    ['7'] = DIGIT, ['8'] = DIGIT, ['9'] = DIGIT, ['.'] = STOP,  ['!'] = STOP,  ['?'] = STOP,  [';'] = STOP,
    ['\\'] = ESCAPE, ['"'] = QUOTE};

/* Whether any of the eight bytes of w is one the scan stops at. All of them are 0x21-0x3F or 0x5C ('\'), so a
 * word of letters, spaces and UTF-8 is passed over in a few operations instead of eight lookups. */
static int has_stop_byte(tp_u64 w) {
    const tp_u64 ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    tp_u64 low = w & ~high;
    tp_u64 in_range = (low + ones * (0x80 - 0x21)) & ~(low + ones * (0x80 - 0x40)) & ~w & high;
    tp_u64 x = w ^ (ones * '\\');
    return (in_range | ((x - ones) & ~x & high)) != 0;
}

/* Splits one answer, the raw JSON string contents from s up to its closing quote, into sentences: at ';', at '.',
 * '!' or '?' before a space or the end, and at an escaped newline, carriage return or tab. Returns the byte after
 * the closing quote, or 0 if the string is not closed before e. */
static const char *scan_answer(scan_state *st, const char *key, tp_size key_len, const char *s, const char *e) {
    const char *start = s, *p = s;
    digit_runs runs = {{0}, 0, 0, 0, 0};
    for (;;) {
        while (p + 8 <= e) {
            tp_u64 w;
            __builtin_memcpy(&w, p, 8);
            if (has_stop_byte(w)) break;
            p += 8;
        }
        if (p >= e) return 0;
        switch (byte_class[(unsigned char)*p]) {
        case DIGIT: /* p[-1] is inside the string or its opening quote */
            if (p[-1] < '0' || p[-1] > '9') {
                if (runs.count < MAX_RUNS) runs.at[runs.count++] = p;
                else runs.overflow = 1;
            }
            if (!runs.first) runs.first = p;
            runs.last = p;
            p++;
            break;
        case STOP:
            if (p + 1 < e && (*p == ';' || p[1] == ' ' || p[1] == '"')) {
                consider(st, key, key_len, start, (tp_size)(p + 1 - start), &runs);
                start = p + 1;
                runs.count = runs.overflow = 0;
                runs.first = runs.last = 0;
            }
            p++;
            break;
        case ESCAPE:
            if (p + 1 < e && (p[1] == 'n' || p[1] == 'r' || p[1] == 't')) {
                consider(st, key, key_len, start, (tp_size)(p - start), &runs);
                start = p + 2;
                runs.count = runs.overflow = 0;
                runs.first = runs.last = 0;
            }
            p += 2;
            break;
        case QUOTE:
            if (start < p) consider(st, key, key_len, start, (tp_size)(p - start), &runs);
            return p + 1;
        default:
            p++;
        }
    }
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
            p = tp_ws(p + 1, e);
            if (p < e && *p == '"') p = scan_answer(&st, key, (tp_size)(after - 1 - key), p + 1, e);
            else p = tp_skip(p, e);
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
