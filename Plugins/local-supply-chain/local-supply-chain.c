/* local-supply-chain: the share of subcontract spend placed with SMEs and VCSEs in the buyer's local areas,
 * against a target share.
 *
 *   fraction = min(1, (local SME/VCSE spend / total subcontract spend) / target_share)
 *
 * Money is read as pence, the share and the fraction as millionths (both truncated): integer arithmetic only. */
#include "../sdk/c/tender_plugin.h"

#define MILLION 1000000LL

/* Whether the string `area` equals one of the strings in the array `areas`, ignoring ASCII case. */
static int is_local(tp_json area, tp_json areas) {
    const char *name, *s;
    tp_size name_len, n;
    if (!tp_string(area, &name, &name_len)) return 0;
    for (tp_json a = tp_first(areas); !tp_is_absent(a); a = tp_next(a)) {
        if (!tp_string(a, &s, &n) || n != name_len) continue;
        tp_size i = 0;
        while (i < n && tp_lower(s[i]) == tp_lower(name[i])) i++;
        if (i == n) return 1;
    }
    return 0;
}

/* The first member named key in obj, or absent; each object is read once, member by member. */
#define FIRST(var, m, name)                                                                                      \
    if (tp_is_absent(var) && tp_key_is(m, name)) var = (m).value

static void money(tp_out *o, tp_i64 pence) {
    tp_text(o, "\xC2\xA3"); /* £ */
    tp_text_fixed(o, pence, 2);
}

static void percent(tp_out *o, tp_i64 millionths) {
    tp_text_fixed(o, millionths / 100, 2); /* millionths → hundredths of a percent */
    tp_text(o, "%");
}

TP_EXPORT("evaluate") tp_u64 evaluate(tp_u32 ptr, tp_u32 len) {
    tp_json in = tp_input(ptr, len);
    tp_json config = tp_absent, submission = tp_absent, areas = tp_absent, target_share = tp_absent;
    tp_json price_value = tp_absent, subcontracts = tp_absent;
    for (tp_member m = tp_first_member(in); m.key; m = tp_next_member(m)) {
        FIRST(config, m, "config");
        else FIRST(submission, m, "submission");
        if (!tp_is_absent(config) && !tp_is_absent(submission)) break;
    }
    for (tp_member m = tp_first_member(config); m.key; m = tp_next_member(m)) {
        FIRST(areas, m, "local_areas");
        else FIRST(target_share, m, "target_share");
        if (!tp_is_absent(areas) && !tp_is_absent(target_share)) break;
    }
    tp_json price_object = tp_absent, supply_chain = tp_absent;
    for (tp_member m = tp_first_member(submission); m.key; m = tp_next_member(m)) {
        FIRST(price_object, m, "price");
        else FIRST(supply_chain, m, "supply_chain");
        if (!tp_is_absent(price_object) && !tp_is_absent(supply_chain)) break;
    }
    price_value = tp_get(price_object, "total");
    subcontracts = tp_get(supply_chain, "subcontracts");
    tp_i64 target = 250000, price = 0;
    const char *flags[3];
    int flag_count = 0;
    if (!tp_is_absent(target_share) && !tp_decimal(target_share, 6, &target)) target = 0;
    tp_out out;
    if (target <= 0 || target > MILLION) {
        tp_begin_score(&out, 0, 6);
        tp_text(&out, "config target_share must be a decimal above 0 and at most 1, such as \"0.25\"");
        flags[0] = "invalid-config";
        return tp_end_score(&out, flags, 1);
    }
    tp_i64 total = 0, local = 0;
    int count = 0, local_count = 0, unreadable = 0;
    for (tp_json s = tp_first(subcontracts); !tp_is_absent(s); s = tp_next(s)) {
        tp_i64 spend;
        int sme = 0, vcse = 0;
        tp_json spend_value = tp_absent, sme_value = tp_absent, vcse_value = tp_absent, area = tp_absent;
        for (tp_member m = tp_first_member(s); m.key; m = tp_next_member(m)) {
            FIRST(spend_value, m, "spend");
            else FIRST(sme_value, m, "sme");
            else FIRST(vcse_value, m, "vcse");
            else FIRST(area, m, "area");
        }
        count++;
        if (!tp_decimal(spend_value, 2, &spend) || spend < 0 || spend > 100000000000000LL) {
            unreadable++;
            continue;
        }
        tp_bool(sme_value, &sme);
        tp_bool(vcse_value, &vcse);
        total += spend;
        if ((sme || vcse) && is_local(area, areas)) {
            local += spend;
            local_count++;
        }
    }
    if (unreadable) flags[flag_count++] = "unreadable-subcontract-spend";
    int has_price = tp_decimal(price_value, 2, &price) && price > 0;
    if (has_price && total > price) flags[flag_count++] = "subcontract-spend-exceeds-price";
    if (total == 0) {
        tp_begin_score(&out, 0, 6);
        tp_text(&out, "No subcontract spend is declared under supply_chain.subcontracts, so no local SME/VCSE share "
                      "can be shown.");
        flags[flag_count++] = "no-subcontract-data";
        return tp_end_score(&out, flags, flag_count);
    }
    tp_i64 share = tp_ratio(local, total, 6);
    tp_i64 fraction = share >= target ? MILLION : tp_ratio(share, target, 6);
    tp_begin_score(&out, fraction, 6);
    tp_text(&out, "Local SME/VCSE subcontract spend ");
    money(&out, local);
    tp_text(&out, " of ");
    money(&out, total);
    tp_text(&out, " (");
    percent(&out, share);
    tp_text(&out, ") against a target of ");
    percent(&out, target);
    tp_text(&out, "; ");
    tp_text_int(&out, local_count);
    tp_text(&out, " of ");
    tp_text_int(&out, count);
    tp_text(&out, " subcontracts are local SMEs or VCSEs");
    if (has_price) {
        tp_text(&out, "; subcontracting is ");
        percent(&out, tp_ratio(total, price, 6));
        tp_text(&out, " of the tender price ");
        money(&out, price);
    }
    if (unreadable) {
        tp_text(&out, "; ");
        tp_text_int(&out, unreadable);
        tp_text(&out, " subcontracts without a readable spend were left out");
    }
    tp_text(&out, ".");
    return tp_end_score(&out, flags, flag_count);
}
