/// The reports' shared style sheet, for other pages that should look like them (the daemon's web console).
public enum ReportStyle {
    /// The print-friendly CSS every HTML report embeds.
    public static var css: String { HTML.css }
}
