import Foundation

/// A larger procurement made from the shipped retrofit example: copies of one of its tenders, each its own tender,
/// supplier and price.
public enum RetrofitCopies {
    /// Writes `count` copies of `T-0002-cladco.yaml` from `examples` (the retrofit's examples folder) into `folder`
    /// as `T-1000.yaml`, `T-1001.yaml`…: tender `T-1000 + i`, supplier `Cladco (100 + i) Ltd` with its own
    /// identifier, price 905,000 + 1,000 × i (the later the copy, the dearer). Returns their paths, in order.
    public static func write(_ count: Int, from examples: String, into folder: String) throws -> [String] {
        let template = try String(contentsOfFile: "\(examples)/T-0002-cladco.yaml", encoding: .utf8)
        return try (0..<count).map { index in
            let text =
                template
                .replacingOccurrences(of: "tender_id: T-0002", with: "tender_id: T-\(1000 + index)")
                .replacingOccurrences(of: "GB-COH-11223344", with: "GB-COH-\(20_000_000 + index)")
                .replacingOccurrences(of: "Cladco Retrofit Ltd", with: "Cladco \(100 + index) Ltd")
                .replacingOccurrences(of: "total: 905000", with: "total: \(905_000 + index * 1_000)")
            let path = "\(folder)/T-\(1000 + index).yaml"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
