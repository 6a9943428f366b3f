// innovation-evidence: how well a tender evidences its innovation. Points out of 100 (the fraction is points / 100):
//   TRL            30  full at or above config.min_trl (default 6); below it, 30 × trl / min_trl
//   pilots         30  20 for one evidenced pilot, 30 for two or more (evidenced: homes or sites > 0 and a result)
//   improvement    25  a quantified improvement: metric, baseline and target, with target ≠ baseline
//   risk sharing   15  risk_sharing: true
// Fixed point throughout: points are millionths of the fraction, truncated.

@_cdecl("evaluate")
public func evaluate(_ pointer: UInt32, _ length: UInt32) -> UInt64 {
    let root = PluginInput(pointer: pointer, length: length).root
    var out = PluginOutput()
    var minimum = root.path("config.min_trl")?.decimal(places: 0) ?? 6
    if minimum < 1 || minimum > 9 { minimum = 6 }
    guard let innovation = root.path("submission.innovation"), innovation.first == 0x7B else {
        out.text("No innovation section in the submission: TRL, pilots, improvement and risk sharing are all missing.")
        out.flag("no-innovation-data")
        return out.score(fraction: 0, places: 6)
    }
    var total: Int64 = 0
    var missing: [StaticString] = []
    // Each object is read once, member by member; the first member of each name counts.
    var trlValue: JSONView?
    var pilotsValue: JSONView?
    var improvement: JSONView?
    var riskSharing: JSONView?
    innovation.forEachMember { key, value in
        if trlValue == nil, JSONView.key(key, is: "trl") {
            trlValue = value
        } else if pilotsValue == nil, JSONView.key(key, is: "pilots") {
            pilotsValue = value
        } else if improvement == nil, JSONView.key(key, is: "improvement") {
            improvement = value
        } else if riskSharing == nil, JSONView.key(key, is: "risk_sharing") {
            riskSharing = value
        }
    }

    // TRL: 300,000 millionths at or above the minimum, pro rata below it.
    if let trl = trlValue?.decimal(places: 0), trl >= 1, trl <= 9 {
        let points = trl >= minimum ? 300_000 : 300_000 * trl / minimum
        total += points
        out.text("TRL ")
        out.integer(trl)
        out.text(trl >= minimum ? " meets the minimum " : " is below the minimum ")
        out.integer(minimum)
        out.text(" (")
        out.fixed(points, places: 4)
        out.text("/30)")
    } else {
        out.text("no TRL from 1 to 9 (0/30)")
        missing.append("a technology readiness level")
    }

    // Pilots: scale (homes or sites) and a result make a pilot evidenced.
    var evidenced: Int64 = 0
    var scales: [Int64] = []
    let pilots = pilotsValue?.elements ?? []
    for pilot in pilots {
        var homes: JSONView?
        var sites: JSONView?
        var result: JSONView?
        pilot.forEachMember { key, value in
            if homes == nil, JSONView.key(key, is: "homes") {
                homes = value
            } else if sites == nil, JSONView.key(key, is: "sites") {
                sites = value
            } else if result == nil, JSONView.key(key, is: "result") {
                result = value
            }
        }
        let scale = homes?.decimal(places: 0) ?? sites?.decimal(places: 0) ?? 0
        if scale > 0, result?.isNonEmptyString == true {
            evidenced += 1
            scales.append(scale)
        }
    }
    let pilotPoints: Int64 = evidenced >= 2 ? 300_000 : evidenced == 1 ? 200_000 : 0
    total += pilotPoints
    out.text("; ")
    out.integer(evidenced)
    out.text(" of ")
    out.integer(Int64(pilots.count))
    out.text(" pilots evidenced with scale and result")
    if !scales.isEmpty {
        out.text(" (sizes ")
        for (index, scale) in scales.enumerated() {
            if index > 0 { out.text(", ") }
            out.integer(scale)
        }
        out.text(")")
    }
    out.text(" (")
    out.fixed(pilotPoints, places: 4)
    out.text("/30)")
    if evidenced == 0 { missing.append("an evidenced pilot") }

    // Improvement: metric, baseline and target, and a change.
    var metricValue: JSONView?
    var baselineValue: JSONView?
    var targetValue: JSONView?
    improvement?.forEachMember { key, value in
        if metricValue == nil, JSONView.key(key, is: "metric") {
            metricValue = value
        } else if baselineValue == nil, JSONView.key(key, is: "baseline") {
            baselineValue = value
        } else if targetValue == nil, JSONView.key(key, is: "target") {
            targetValue = value
        }
    }
    if improvement != nil, metricValue?.isNonEmptyString == true,
        let baseline = baselineValue?.decimal(places: 4), let target = targetValue?.decimal(places: 4),
        baseline != target, let metric = metricValue?.rawString
    {
        total += 250_000
        out.text("; improvement in ")
        out.quote(metric, limit: 60)
        out.text(" from ")
        out.fixed(baseline, places: 4)
        out.text(" to ")
        out.fixed(target, places: 4)
        out.text(" (25/25)")
    } else {
        out.text(improvement == nil ? "; no improvement stated (0/25)" : "; improvement not quantified (0/25)")
        missing.append("a quantified improvement (metric, baseline, target)")
    }

    // Risk sharing.
    if riskSharing?.bool == true {
        total += 150_000
        out.text("; risk sharing offered (15/15)")
    } else {
        out.text("; no risk sharing (0/15)")
        missing.append("risk sharing")
    }

    if !missing.isEmpty {
        out.text(". Missing: ")
        for (index, item) in missing.enumerated() {
            if index > 0 { out.text(", ") }
            out.text(item)
        }
    }
    out.text(".")
    return out.score(fraction: total, places: 6)
}
