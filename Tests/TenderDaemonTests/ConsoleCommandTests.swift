import Foundation
import TenderDaemon
import TenderTestSupport
import Testing

/// `tender users` and `tender status`, as the real binary.
@Suite(.serialized)
struct ConsoleCommandTests {
    @Test func usersAreAddedListedAndRemovedAndTheTokenIsPrintedOnce() async throws {
        let state = try TestFolders.make("users-cli")
        // When a user is added, the token alone is printed, and it is the one the file's hash is of
        let (added, token, _) = try await Subprocess.output([
            "users", "add", "j.okafor", "--role", "buyer", "--quiet", "--state", state,
        ])
        #expect(added == 0)
        let printed = token.trimmingCharacters(in: .newlines)
        #expect(UserFile(path: "\(state)/users.json").user(token: printed)?.name == "j.okafor")
        // And the list shows names and roles, never tokens
        let (_, listed, _) = try await Subprocess.output(["users", "list", "--state", state])
        #expect(listed.hasPrefix("j.okafor\tbuyer\tadded "))
        #expect(!listed.contains(printed))
        // And a wrong role or a repeated name is refused with what to do
        let (badRole, _, roleError) = try await Subprocess.output([
            "users", "add", "x", "--role", "admin", "--state", state,
        ])
        #expect(badRole != 0 && roleError.contains("--role must be buyer, auditor or operator."))
        let (again, _, againError) = try await Subprocess.output([
            "users", "add", "j.okafor", "--role", "auditor", "--state", state,
        ])
        #expect(again == 1 && againError.contains("user 'j.okafor' exists; remove it first to issue a new token"))
        // When removed, they are gone
        let (removed, _, _) = try await Subprocess.output(["users", "remove", "j.okafor", "--state", state])
        #expect(removed == 0)
        #expect(UserFile(path: "\(state)/users.json").user(token: printed) == nil)
    }

    @Test func statusSaysWhatTheRunningDaemonIsDoing() async throws {
        // Given a daemon that took one tender in
        let daemon = try await DaemonHarness()
        defer { Task { try? await daemon.stop() } }
        let name = "T-0001-brightwall.yaml"
        try daemon.drop(name, try DaemonHarness.example(name))
        try await daemon.waitUntil("the status file") {
            let text = (try? String(contentsOfFile: daemon.settings.statusFile, encoding: .utf8)) ?? ""
            return text.contains("\"accepted\":1")
        }
        // When an operator asks
        let (status, out, _) = try await Subprocess.output(["status", "--state", daemon.settings.state])
        // Then it is running (this test process), with today's documents and its rule set
        #expect(status == 0, "\(out)")
        #expect(out.hasPrefix("tender \(TenderVersion.current) running (pid \(getpid()))"))
        #expect(out.contains("1 accepted, 0 rejected, 0 duplicate"))
        #expect(out.contains("console        off"))
        #expect(!out.contains("rule set       none active"))
        // And with no daemon ever run in a folder, it says where it looked
        let empty = try TestFolders.make("status-cli")
        let (none, _, errors) = try await Subprocess.output(["status", "--state", empty])
        #expect(none == 1 && errors.contains("no status in \(empty)/status.json"))
    }
}
