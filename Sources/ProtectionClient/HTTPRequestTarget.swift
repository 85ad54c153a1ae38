/// The request target (path and query) that an absolute `http` or `https` URL asks for.
package enum HTTPRequestTarget {
    /// Everything after the authority, without a fragment; `/` when there is no path. A URL
    /// without `://` yields `/`: callers pass URLs that were parsed and checked before.
    package static func of(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return "/" }
        let afterScheme = url[schemeEnd.upperBound...]
        var target = afterScheme.drop { $0 != "/" && $0 != "?" && $0 != "#" }
        if let fragment = target.firstIndex(of: "#") { target = target[..<fragment] }
        if target.isEmpty { return "/" }
        return target.first == "?" ? "/" + target : String(target)
    }
}
