/// A column of the task table the operator can hide or show (the label always shows). Their raw
/// values are the names the config file's `hidden-columns` takes.
public enum TableColumn: String, Sendable, CaseIterable, Hashable {
    case state
    case remaining
    case expires
    case answered
    case problem

    /// The heading the table shows.
    public var heading: String {
        switch self {
        case .state: "STATE"
        case .remaining: "REMAINING"
        case .expires: "EXPIRES"
        case .answered: "ANSWERED"
        case .problem: "PROBLEM"
        }
    }
}
