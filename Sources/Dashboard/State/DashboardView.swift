/// Which view fills the screen between the header and the footer (`:task`, `:svc`, `:events`).
public enum DashboardView: String, Sendable, CaseIterable {
    /// The task table (the dashboard's first view).
    case tasks = "task"
    /// One row per service of the watched cluster, with what waits on protection.
    case services = "svc"
    /// The services' recent ECS events, newest first.
    case serviceEvents = "events"
}
