import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

/// The web console and JSON API against the daemon's real HTTP server on an ephemeral port: who may see what,
/// sign-in, sealed prices, report downloads, paging, proofs, verification, and the operators' endpoints.
@Suite(.serialized)
struct ConsoleTests {
    static let folder = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
    static let id = "ocds-h6vhtk-04a1b2-lot-1"

    /// A daemon with the console on, the example's documents (all but `leaving`) taken in, and one user per role.
    struct Setup {
        let daemon: DaemonHarness
        let client: ConsoleClient
        let buyer: String
        let auditor: String
        let operatorToken: String

        static func start(
            leaving: Set<String> = [], adjust: @escaping (inout DaemonSettings) -> Void = { _ in }
        ) async throws -> Setup {
            let daemon = try await DaemonHarness(console: true, adjust: adjust)
            let users = UserFile(path: daemon.settings.usersFile)
            let buyer = try users.add(name: "bea", role: .buyer, now: "2026-12-06T00:00:00Z")
            let auditor = try users.add(name: "aud", role: .auditor, now: "2026-12-06T00:00:00Z")
            let operatorToken = try users.add(name: "op", role: .operator, now: "2026-12-06T00:00:00Z")
            let names = try FileManager.default.contentsOfDirectory(atPath: ConsoleTests.folder).sorted()
                .filter { !leaving.contains($0) }
            for name in names { try daemon.drop(name, try DaemonHarness.example(name)) }
            try await daemon.waitUntil("the example's documents") {
                daemon.names(daemon.settings.archive).count == names.count
            }
            let client = try await ConsoleClient.connect(daemon)
            return Setup(daemon: daemon, client: client, buyer: buyer, auditor: auditor, operatorToken: operatorToken)
        }

        /// Closes the example and waits for its final evaluation's reports.
        func close() async throws {
            try daemon.drop(
                "close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
            // Reports are written in name order after the commit: the last one's presence means all are there.
            let last = "\(daemon.settings.reports)/\(ConsoleTests.id)/summaries/T-0007.md"
            try await daemon.waitUntil("the final reports") { FileManager.default.fileExists(atPath: last) }
        }
    }

    @Test func eachRoleSeesItsAreasAndNothingElse() async throws {
        // Given the example, closed, and a user of each role
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        try await setup.close()
        let client = setup.client
        let paths = [
            "/procurements", "/procurements/\(Self.id)", "/api/v1/procurements", "/api/v1/procurements/\(Self.id)",
            "/ledger", "/ledger/entries/0", "/ledger/verify", "/api/v1/ledger/entries", "/api/v1/ledger/entries/0",
            "/healthz", "/readyz", "/metrics", "/status", "/api/v1/status",
        ]
        func area(_ path: String) -> ConsoleRole.Area {
            if path.contains("procurements") { return .procurements }
            if path.contains("ledger") { return .ledger }
            return .operations
        }
        // When each asks for every path, with a token and without
        for path in paths + ["/no-such-page", "/api/v1/no-such-thing"] {
            let anonymous = try await client.request(path)
            #expect(anonymous.status == 401, "\(path) without a credential")
            let forged = try await client.request(path, token: "tdr_not-a-token")
            #expect(forged.status == 401, "\(path) with a wrong token")
            if path.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics"].contains(path) {
                // The API's (and probes') 401 says how to authenticate in JSON, and nothing about the path
                #expect(anonymous.header("WWW-Authenticate") == "Bearer realm=\"tender\"")
                let body = try anonymous.json()
                #expect(body["status"] == .integer(401))
                let error = body["error"]?.stringValue ?? ""
                #expect(error.contains("Bearer") && error.contains("no-such") == false)
            } else {
                #expect(anonymous.text.contains("form id=\"signin\""))
            }
        }
        for path in paths {
            for (role, token) in [
                (ConsoleRole.buyer, setup.buyer), (.auditor, setup.auditor), (.operator, setup.operatorToken),
            ] {
                let reply = try await client.request(path, token: token)
                // Then each role gets exactly its areas: 200 there, 403 elsewhere
                let expected = role.areas.contains(area(path)) ? 200 : 403
                #expect(reply.status == expected, "\(path) as \(role): \(reply.status)")
            }
        }
        // And the list page says nothing about unattributed rejections when there are none
        let list = try await client.request("/procurements", token: setup.buyer)
        #expect(list.text.contains("tr data-procurement=\"\(Self.id)\""))
        #expect(!list.text.contains("named no procurement"))
        // And every authenticated access is logged with the user; requests without one are logged too
        let lines = setup.daemon.logs.lines
        #expect(
            lines.contains { $0.contains("console access") && $0.contains("user=bea") && $0.contains("status=403") })
        #expect(lines.contains { $0.contains("console access") && $0.contains("user=op") && $0.contains("/healthz") })
        #expect(lines.contains { $0.contains("without a valid credential") && $0.contains("/no-such-page") })
    }

    @Test func rejectedDocumentsShowInTheirProcurementWithTheirReasons() async throws {
        // Given the example, a submission for it whose price is not a number, and a file that is not YAML at all
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        let broken = String(decoding: try DaemonHarness.example("T-0001-brightwall.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "price: {total: 1024000", with: "price: {total: a lot")
        try setup.daemon.drop("T-0099-broken.yaml", Array(broken.utf8))
        try setup.daemon.drop("garbage.yaml", Array("{ not: [yaml\n".utf8))
        try await setup.daemon.waitUntil("both rejected") {
            setup.daemon.names(setup.daemon.settings.rejected).filter { !$0.hasSuffix(".error.txt") }.count == 2
        }
        // When the buyer opens the procurement
        let view = try await setup.client.request("/api/v1/procurements/\(Self.id)", token: setup.buyer).json()
        // Then the broken submission is listed as rejected, with the reasons the daemon gave
        let rejected = try #require(view["documents"]?.arrayValue?.first { $0["name"] == "T-0099-broken.yaml" })
        #expect(rejected["outcome"] == "rejected" && rejected["kind"] == .null)
        #expect((rejected["reasons"]?.arrayValue ?? []).contains { ($0.stringValue ?? "").contains("price.total") })
        let page = try await setup.client.request("/procurements/\(Self.id)", token: setup.buyer)
        #expect(page.text.contains("<tr class=\"rejected\">"))
        // And the file that names no procurement is counted on the list
        let list = try await setup.client.request("/api/v1/procurements", token: setup.buyer).json()
        #expect(list["unattributed"] == .integer(1))
        let listPage = try await setup.client.request("/procurements", token: setup.buyer)
        #expect(listPage.text.contains("1 rejected document(s) named no procurement"))
    }

    @Test func aBrowserSignsInWithASessionAndGuessingIsRateLimited() async throws {
        // Given the daemon with its users
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        let client = setup.client
        // When the buyer signs in with the form
        let signedIn = try await client.request("/signin", method: "POST", form: ["name": "bea", "token": setup.buyer])
        // Then a 303 to / with a session cookie that scripts cannot read and other sites cannot send
        #expect(signedIn.status == 303)
        #expect(signedIn.header("Location") == "/")
        let setCookie = try #require(signedIn.header("Set-Cookie"))
        #expect(setCookie.hasPrefix("tender_session="))
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        let cookie = String(setCookie.prefix { $0 != ";" })
        #expect(try await client.request("/procurements", cookie: cookie).status == 200)
        #expect(try await client.request("/ledger", cookie: cookie).status == 403)
        // And signing out ends the session
        let out = try await client.request("/signout", method: "POST", cookie: cookie)
        #expect(out.status == 303)
        #expect(try await client.request("/procurements", cookie: cookie).status == 401)
        // And a token that is right for another name does not sign this name in
        #expect(
            try await client.request("/signin", method: "POST", form: ["name": "aud", "token": setup.buyer]).status
                == 401)
        // When someone guesses: four more failures, then the limit
        for _ in 0..<4 {
            let wrong = try await client.request(
                "/signin", method: "POST", form: ["name": "bea", "token": "tdr_guess"])
            #expect(wrong.status == 401)
            #expect(wrong.text.contains("The name or the token is not right."))
        }
        let limited = try await client.request("/signin", method: "POST", form: ["name": "bea", "token": setup.buyer])
        // Then even the right token is refused for a while, with when to try again
        #expect(limited.status == 429)
        #expect(Int(limited.header("Retry-After") ?? "") ?? 0 > 0)
        let lines = setup.daemon.logs.lines
        #expect(lines.filter { $0.contains("console sign-in failed") }.count == 5)
        #expect(lines.contains { $0.contains("too many failures") && $0.contains("user=bea") })
        // And a removed user's token stops working at once
        try UserFile(path: setup.daemon.settings.usersFile).remove(name: "aud")
        #expect(try await client.request("/api/v1/procurements", token: setup.auditor).status == 401)
    }

    @Test func pricesStaySealedFromBuyersUntilEveryQualityMarkIsIn() async throws {
        // Given the tenders without the panel's marks document
        let setup = try await Setup.start(leaving: ["T-0003-panel-marks.yaml"])
        defer { Task { try? await setup.daemon.stop() } }
        let client = setup.client
        let path = "/api/v1/procurements/\(Self.id)"
        let buyerView = try await client.request(path, token: setup.buyer).json()
        #expect(
            (buyerView["procurement"]?["missing_marks"]).flatMap { if case .integer(let n) = $0 { n } else { nil } }
                ?? 0 > 0)
        // Then the buyer sees quality but no price, total, rank, price criterion, winner or price flag
        let standings = try #require(buyerView["standings"])
        #expect(standings["sealed"] == .bool(true))
        for tender in standings["tenders"]?.arrayValue ?? [] {
            #expect(tender["price"] == .null && tender["total"] == .null && tender["rank"] == .null)
            #expect(!(tender["criteria"]?.arrayValue ?? []).contains { $0["id"] == "price" })
            #expect((tender["criteria"]?.arrayValue ?? []).contains { $0["id"] == "quality" })
        }
        #expect(!(standings["criteria"]?.arrayValue ?? []).contains { $0["price"] == .bool(true) })
        #expect(standings["lowest_price"] == .null)
        #expect(!(buyerView["flags"]?.arrayValue ?? []).contains { $0["kind"] == "abnormally-low" })
        #expect(buyerView["reports"] == .array([]))
        let page = try await client.request("/procurements/\(Self.id)", token: setup.buyer)
        #expect(page.text.contains("id=\"sealed\""))
        #expect(!page.text.contains("1180000"))
        #expect(!page.text.contains("<svg"))
        // And no report can be downloaded meanwhile (the provisional evaluation.json has the prices)
        try await setup.daemon.waitUntil("the provisional reports") {
            FileManager.default.fileExists(atPath: "\(setup.daemon.settings.reports)/\(Self.id)/evaluation.json")
        }
        let download = try await client.request("/procurements/\(Self.id)/reports/evaluation.json", token: setup.buyer)
        #expect(download.status == 403)
        // While the auditor sees the prices
        let auditorView = try await client.request(path, token: setup.auditor).json()
        #expect(auditorView["standings"]?["sealed"] == .bool(false))
        #expect((auditorView["standings"]?["tenders"]?.arrayValue ?? []).contains { $0["price"] == "1180000.00" })
        // When the marks arrive
        let marks = "T-0003-panel-marks.yaml"
        try setup.daemon.drop(marks, try DaemonHarness.example(marks))
        try await setup.daemon.waitUntil("the marks") {
            setup.daemon.names(setup.daemon.settings.archive).contains { $0.hasSuffix(marks) }
        }
        // Then the buyer sees the prices
        let opened = try await client.request(path, token: setup.buyer).json()
        #expect(opened["standings"]?["sealed"] == .bool(false))
        #expect((opened["standings"]?["tenders"]?.arrayValue ?? []).contains { $0["price"] == "1180000.00" })
    }

    @Test func aReportDownloadNeverLeavesItsFolder() async throws {
        // Given the example closed, a secret beside the reports, and a link inside them that points out
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        try await setup.close()
        let client = setup.client
        let reports = "\(setup.daemon.settings.reports)/\(Self.id)"
        try FileManager.default.createSymbolicLink(
            atPath: "\(reports)/escape.json", withDestinationPath: setup.daemon.settings.usersFile)
        // When the buyer downloads a report, it is the file as written
        let report = try await client.request("/procurements/\(Self.id)/reports/evaluation.json", token: setup.buyer)
        #expect(report.status == 200)
        #expect(report.body == [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(reports)/evaluation.json"))))
        let summary = try await client.request(
            "/procurements/\(Self.id)/reports/summaries/T-0003.html", token: setup.buyer)
        #expect(summary.status == 200)
        #expect(summary.header("Content-Type")?.hasPrefix("text/html") == true)
        // But every way out of the folder is refused
        for attempt in [
            "..%2F..%2Fusers.json", "%2e%2e/%2e%2e/users.json", "%2E%2E%2F%2E%2E%2Fkeys%2Fledger.ed25519",
            "summaries/..%2F..%2F..%2Fusers.json", "summaries/%2e%2e/%2e%2e/%2e%2e/users.json", "escape.json",
            "%2Fetc%2Fpasswd", "..%5C..%5Cusers.json", "evaluation.json%00.html", "summaries",
        ] {
            let reply = try await client.request("/procurements/\(Self.id)/reports/\(attempt)", token: setup.buyer)
            #expect(reply.status == 404, "\(attempt): \(reply.status)")
            #expect(!reply.text.contains("token_sha256"), "\(attempt)")
        }
        // And a procurement that does not exist has no reports
        let other = try await client.request("/procurements/..%2Fkeys/reports/ledger.ed25519", token: setup.buyer)
        #expect(other.status == 404)
    }

    @Test func theLedgerPagesThroughEveryEntryOnceAndFilters() async throws {
        // Given a ledger of 2,400 entries written before the daemon starts (two days, two procurements)
        let count = 2_400
        let setup = try await Setup.start(
            leaving: Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder))
        ) {
            settings in
            let key = try? LedgerKey.loadOrCreate(at: settings.keyFile)
            let store = try? LedgerStore(path: settings.ledger, signer: key?.signer, checkpointEvery: 1000)
            let drafts = (0..<count).map { index in
                EntryDraft(
                    type: "document-rejected",
                    body: [
                        "name": .string("bulk-\(index).yaml"), "claim": .string("bulk-\(index)"), "size": 10,
                        "reasons": ["not YAML"], "seen_at": "2026-12-01T09:00:00.000Z",
                        "recorded_at": .string(
                            index < count / 2 ? "2026-12-01T09:00:00.000Z" : "2026-12-02T09:00:00.000Z"),
                        "source": "tender serve",
                        "procurement": .string(index % 3 == 0 ? "ocds-bulk-a" : "ocds-bulk-b"),
                    ])
            }
            _ = try? store?.append(drafts)
        }
        defer { Task { try? await setup.daemon.stop() } }
        let client = setup.client
        let size = try setup.daemon.ledger().size()
        #expect(size > count)
        // When the auditor pages through the API, 500 at a time
        var seen: [Int64] = []
        var before: String? = nil
        var pages = 0
        repeat {
            let reply = try await client.request(
                "/api/v1/ledger/entries?limit=500" + (before.map { "&before=\($0)" } ?? ""), token: setup.auditor)
            #expect(reply.status == 200)
            let page = try reply.json()
            seen += (page["entries"]?.arrayValue ?? []).compactMap {
                if case .integer(let n) = $0["seq"] { n } else { nil }
            }
            before = page["next_before"].flatMap { if case .integer(let n) = $0 { "\(n)" } else { nil } }
            pages += 1
        } while before != nil && pages < 20
        // Then every entry comes exactly once, newest first
        #expect(seen == (0..<Int64(size)).reversed().map { $0 })
        #expect(pages == (size + 499) / 500)
        // And filters narrow by type, procurement and date
        let typed = try await client.request(
            "/api/v1/ledger/entries?type=ruleset-activated&limit=500", token: setup.auditor
        ).json()
        #expect(typed["entries"]?.arrayValue?.allSatisfy { $0["type"] == "ruleset-activated" } == true)
        #expect(typed["entries"]?.arrayValue?.isEmpty == false)
        let onDay = try await client.request(
            "/api/v1/ledger/entries?from=2026-12-01&to=2026-12-01&procurement=ocds-bulk-a&limit=500",
            token: setup.auditor
        ).json()
        #expect(onDay["entries"]?.arrayValue?.count == (0..<count / 2).filter { $0 % 3 == 0 }.count)
        // And the page shows the same with a link to older entries, and refuses a bad filter clearly
        let html = try await client.request("/ledger?limit=100", token: setup.auditor)
        #expect(html.text.contains("tr data-seq=\"\(size - 1)\""))
        #expect(html.text.contains("id=\"older\" href=\"/ledger?before=\(size - 100)&amp;limit=100\""))
        let bad = try await client.request("/api/v1/ledger/entries?from=01/12/2026", token: setup.auditor)
        #expect(bad.status == 400)
        #expect(try bad.json()["error"] == "from must be a date written YYYY-MM-DD.")
    }

    @Test func anEntryComesWithAProofThatLeadsToTheSignedCheckpoint() async throws {
        // Given the example taken in and a checkpoint signed
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        let ledger = try setup.daemon.ledger()
        try await setup.daemon.waitUntil("a checkpoint over every entry") {
            (try ledger.latestCheckpoint()?.checkpoint.size ?? 0) == (try ledger.size())
        }
        let key = try LedgerKey.loadOrCreate(at: setup.daemon.settings.keyFile)
        // When the auditor opens each entry
        for seq in 0..<(try ledger.size()) {
            let view = try await setup.client.request("/api/v1/ledger/entries/\(seq)", token: setup.auditor).json()
            // Then its proof and leaf hash give the checkpoint's root, and the note verifies with the ledger's key
            let note = try #require(view["checkpoint"]?["note"]?.stringValue)
            let checkpoint = try SignedCheckpoint(verifying: note, with: key.verifier).checkpoint
            let proof = (view["proof"]?["hashes"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Hex.decode) }
            let leaf = try #require(view["leaf_hash"]?.stringValue.flatMap(Hex.decode))
            #expect(leaf == (try ledger.entry(seq: seq))?.leafHash)
            let root = try MerkleTree.rootFromInclusionProof(
                index: seq, size: checkpoint.size, leafHash: leaf, proof: proof)
            #expect(root == checkpoint.root, "entry \(seq)")
        }
        // And the page shows it, with each blob linked
        let page = try await setup.client.request("/ledger/entries/3", token: setup.auditor)
        #expect(page.text.contains("<ol id=\"proof-hashes\">"))
        #expect(page.text.contains("class=\"blob\" href=\"/ledger/blobs/"))
    }

    @Test func verifyNowRunsInTheBackgroundAndKeepsItsResult() async throws {
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        let client = setup.client
        // When the auditor asks for a verification
        let started = try await client.request("/api/v1/ledger/verification", method: "POST", token: setup.auditor)
        #expect(started.status == 202)
        var result = JSONValue.null
        for _ in 0..<400 {
            result = try await client.request("/api/v1/ledger/verification", token: setup.auditor).json()
            if result["state"] == "finished" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Then it finished, found the ledger valid, and says who asked
        #expect(result["state"] == "finished")
        #expect(result["valid"] == .bool(true))
        #expect(result["started_by"] == "aud")
        #expect(result["problem_count"] == .integer(0))
        #expect(result["entries_checked"] == result["size"])
        let page = try await client.request("/ledger/verify", token: setup.auditor)
        #expect(page.text.contains("id=\"verify-result\">Valid:"))
    }

    @Test func operatorsGetHealthReadinessMetricsAndStatus() async throws {
        let setup = try await Setup.start()
        defer { Task { try? await setup.daemon.stop() } }
        let client = setup.client
        let token = setup.operatorToken
        let health = try await client.request("/healthz", token: token)
        #expect(health.status == 200 && health.text == "ok\n")
        let ready = try await client.request("/readyz", token: token)
        #expect(ready.status == 200)
        #expect(try ready.json()["ready"] == .bool(true))
        let metrics = try await client.request("/metrics", token: token)
        #expect(metrics.text.contains("tender_documents_total{outcome=\"accepted\"}"))
        let status = try await client.request("/api/v1/status", token: token).json()
        let accepted = try FileManager.default.contentsOfDirectory(atPath: Self.folder).count
        #expect(status["documents_today"]?["accepted"] == .integer(Int64(accepted)))
        #expect(status["version"] == .string(TenderVersion.current))
        #expect(status["console"] == .string(client.base))
        // And the same status is written for `tender status`
        try await setup.daemon.waitUntil("status.json") {
            let text = (try? String(contentsOfFile: setup.daemon.settings.statusFile, encoding: .utf8)) ?? ""
            return text.contains("\"accepted\":\(accepted)")
        }
    }

    @Test func notReadyWhenTheDiskIsBelowTheThreshold() async throws {
        let setup = try await Setup.start(
            leaving: Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder))
        ) {
            $0.minFreeBytes = Int.max / 2
        }
        defer { Task { try? await setup.daemon.stop() } }
        let ready = try await setup.client.request("/readyz", token: setup.operatorToken)
        #expect(ready.status == 503)
        let checks = try ready.json()["checks"]?.arrayValue ?? []
        #expect(checks.contains { $0["name"] == "disk" && $0["ok"] == .bool(false) })
        #expect(checks.contains { $0["name"] == "rules" && $0["ok"] == .bool(true) })
    }

    @Test func aTakenPortDoesNotStopIntake() async throws {
        // Given something else listening on the console's port
        let blocker = try ListeningSocket()
        let daemon = try await DaemonHarness(
            adjust: { $0.console = ConsoleAddress(host: "127.0.0.1", port: blocker.port) })
        defer { Task { try? await daemon.stop() } }
        // When a tender arrives, it is taken in all the same, and the log says what to do
        let name = "T-0001-brightwall.yaml"
        try daemon.drop(name, try DaemonHarness.example(name))
        try await daemon.waitUntil("the tender") { daemon.names(daemon.settings.archive).count == 1 }
        try await daemon.waitUntil("the console's error") {
            daemon.logs.lines.contains { $0.contains("the console cannot listen") && $0.contains("\(blocker.port)") }
        }
    }
}

/// A TCP socket listening on 127.0.0.1 on a free port, closed when released.
final class ListeningSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
