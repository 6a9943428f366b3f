/// The version of tender, printed by `tender --version` and recorded in every `daemon-started` entry.
public enum TenderVersion {
    public static let current = "0.7.0"
}
