/// What a timeline record reports. Open-ended (a newer version may write kinds an older one does
/// not know; the review reads them as "other").
public struct TimelineKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Creates a kind from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// A scenario started (`fields`: `name`, `steps`).
    public static let scenarioStarted = TimelineKind(rawValue: "scenario.started")
    /// A scenario step ran (`fields`: `step`, `at`, `action`, and `error` when it could not).
    public static let scenarioStep = TimelineKind(rawValue: "scenario.step")
    /// The scenario's last step ran.
    public static let scenarioFinished = TimelineKind(rawValue: "scenario.finished")
    /// A task's protection as observed changed (`fields`: `state` protected/unprotected, `expires`).
    public static let state = TimelineKind(rawValue: "state")
    /// A PUT left (`fields`: `intent` protect/unprotect, `minutes`, `by` operator/keep/worker).
    public static let putSent = TimelineKind(rawValue: "put.sent")
    /// A PUT was answered with protection (`fields`: `state`, `expires`).
    public static let putConfirmed = TimelineKind(rawValue: "put.confirmed")
    /// A PUT was answered with a failure or error, or never answered (`fields`: `reason`, `message`).
    public static let putFailed = TimelineKind(rawValue: "put.failed")
    /// A task started answering with an error or failure (`fields`: `code`).
    public static let errorStarted = TimelineKind(rawValue: "error.started")
    /// A task's error ended (`fields`: `code`, `seconds`).
    public static let errorEnded = TimelineKind(rawValue: "error.ended")
    /// Protection ran out while it was expected to hold.
    public static let lapse = TimelineKind(rawValue: "lapse")
    /// A protected task entered its last minutes (`fields`: `remaining`).
    public static let expiringSoon = TimelineKind(rawValue: "alert.expiring")
    /// The agent endpoints went down or came back.
    public static let agentDown = TimelineKind(rawValue: "agent.down")
    public static let agentUp = TimelineKind(rawValue: "agent.up")
    /// The ECS API went down or came back.
    public static let apiDown = TimelineKind(rawValue: "api.down")
    public static let apiUp = TimelineKind(rawValue: "api.up")
    /// A queue worker's job started or finished on a task (`fields`: `seconds`).
    public static let workStarted = TimelineKind(rawValue: "work.started")
    public static let workFinished = TimelineKind(rawValue: "work.finished")
    /// A keep-protected renewal was scheduled or gave up (`fields`: `next`, `reason`).
    public static let keep = TimelineKind(rawValue: "keep")
    /// An operator did something (`fields`: `action`, `user`; `keep on` and `keep off` for K).
    public static let operatorAction = TimelineKind(rawValue: "action")
    /// A process started writing to the drill (`fields`: `command`, `version`, `user`, `pid`).
    public static let runStarted = TimelineKind(rawValue: "run.started")
    /// A dashboard alerted (`fields`: `alert` expiring/lapsed, `remaining` seconds when expiring).
    public static let alert = TimelineKind(rawValue: "alert")
    /// Tasks answered exactly as they did last time (`fields`: `ids`, the run's target ids as
    /// ranges like `0-4,7`; `since`, the earliest such answer): the age of their answers.
    public static let heartbeat = TimelineKind(rawValue: "heartbeat")
    /// A source found a task (`fields`: `id`, the run's target id) or lost one (`task.removed`).
    public static let taskAdded = TimelineKind(rawValue: "task.added")
    public static let taskRemoved = TimelineKind(rawValue: "task.removed")
    /// ECS wrote an event of a watched service (`fields`: `service`, `id`, `created`, `message`,
    /// `concerns` yes when it is about scale-in, stopping, draining or protection).
    public static let serviceEvent = TimelineKind(rawValue: "service.event")
    /// A watched service's counts or deployments changed (``ServiceStateFields``: `service`,
    /// `desired`, `running`, `pending`, `deployments`).
    public static let serviceState = TimelineKind(rawValue: "service.state")
    /// A task left the listing and `DescribeTasks` said why (`fields`: `id`, `lastStatus`,
    /// `desiredStatus`, `stopCode`, `stoppedReason`, `protected` yes when it was protected).
    public static let taskStopping = TimelineKind(rawValue: "task.stopping")
    /// The ECS API lists a found task as stopped (`fields`: `id`); `task.removed` follows when it is dropped.
    public static let taskGone = TimelineKind(rawValue: "task.gone")
    /// A dashboard watches an agent endpoint from its start (`fields`: `id`, `name`, `endpoint`),
    /// before it answers; its `task.added` follows at its first answer.
    public static let taskWatched = TimelineKind(rawValue: "task.watched")
    /// Finding a source's tasks failed, or works again (`fields`: `code`, `health` down/up).
    public static let sourceHealth = TimelineKind(rawValue: "source")
    /// The agent clock a dashboard measured changed (`fields`: `base`, `target`, `since`, `rate`,
    /// `rejected`; see ``AnswerFields``).
    public static let clock = TimelineKind(rawValue: "clock")
    /// How often a dashboard polls each task changed (`fields`: `seconds`), as its request budget stretched it.
    public static let pollInterval = TimelineKind(rawValue: "poll.interval")
    /// A dashboard's frame, drawn at a fixed size, sort and filter, had this digest (`fields`:
    /// `digest`, `scheme`, `at`, `width`, `height`, `sort`, `descending`, `filter`).
    public static let frameDigest = TimelineKind(rawValue: "frame.digest")
}
