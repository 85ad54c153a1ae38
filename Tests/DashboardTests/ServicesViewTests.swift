import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The services view: verdicts from the services' numbers and the tasks' protection, the `:`
/// command line, Enter and Esc between services and tasks, and the service events.
@Suite(.utf8Locale) struct ServicesViewTests {
    private func verdict(_ state: DashboardState, _ name: String) -> String? {
        state.serviceList.first { $0.name == name }.flatMap { state.verdict(of: $0)?.text }
    }

    // MARK: Verdicts

    @Test func aScaleInWithEveryTaskProtectedSaysWhatWaitsAndUntilWhen() {
        let state = ServiceFixtures.cluster()
        #expect(verdict(state, "web") == "scale-in to 4 waits: 6 running, all 6 protected; first expiry 12:20:00 (web/web00000)")
    }

    @Test func aScaleInWithSomeTasksProtectedCountsThem() {
        let tasks = (0..<6).map { ServiceFixtures.Task(service: "web", taskDefinition: "web:3", minutesLeft: $0 == 5 ? nil : 30) }
        let web = ServiceStatus(name: "web", desired: 4, running: 6, pending: 0,
                                deployments: [ServiceFixtures.deployment("web:3", desired: 4, running: 6)], events: [])
        let state = ServiceFixtures.state(tasks: tasks, services: [web])
        #expect(verdict(state, "web") == "scale-in to 4 waits: 6 running, 5 protected; first expiry 12:30:00 (web/web00000)")
    }

    @Test func aDeploymentNamesTheProtectedOldTasksItWaitsOn() {
        let state = ServiceFixtures.cluster()
        #expect(verdict(state, "api") == "deployment api:5 waits on 3 protected old tasks: api/api00000, api/api10000, api/api20000; "
                + "first expiry 12:25:00 (api/api20000)")
    }

    @Test func everyDesiredTaskProtectedWarnsThatTheNextProtectIsBlocked() throws {
        let state = ServiceFixtures.cluster()
        let worker = try #require(state.serviceList.first { $0.name == "worker" })
        #expect(state.verdict(of: worker) == ServiceVerdict(
            text: "4 of 4 protected: the next protect will be DEPLOYMENT_BLOCKED", waits: false))
    }

    @Test func nothingWaitsNoVerdict() {
        let state = ServiceFixtures.cluster()
        #expect(verdict(state, "batch") == nil)
        // A scale-in the unprotected tasks can satisfy waits on nothing.
        let tasks = (0..<6).map { ServiceFixtures.Task(service: "web", taskDefinition: "web:3", minutesLeft: $0 == 0 ? 30 : nil) }
        let web = ServiceStatus(name: "web", desired: 4, running: 6, pending: 0,
                                deployments: [ServiceFixtures.deployment("web:3", desired: 4, running: 6)], events: [])
        #expect(verdict(ServiceFixtures.state(tasks: tasks, services: [web]), "web") == nil)
        // A finished rollout with old tasks gone waits on nothing either.
        let done = ServiceStatus(name: "web", desired: 6, running: 6, pending: 0,
                                 deployments: [ServiceFixtures.deployment("web:3", desired: 6, running: 6)], events: [])
        #expect(verdict(ServiceFixtures.state(tasks: tasks, services: [done]), "web") == nil)
    }

    @Test func anExpiredProtectionNoLongerHoldsAScaleIn() {
        var state = ServiceFixtures.cluster()
        _ = DashboardReducer.reduce(&state, .tick(ServiceFixtures.t0.addingTimeInterval(3 * 3600)))
        #expect(verdict(state, "web") == nil)
    }

    // MARK: Keys

    @Test func theCommandLineSwitchesViewsAndQuits() {
        var state = ServiceFixtures.cluster()
        Fixtures.press(&state, .character(":"))
        #expect(state.overlay == .commandLine && state.keyMode == .command)
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter)
        #expect(state.view == .services && state.overlay == .none && state.serviceSelection == "api")
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "events")
        Fixtures.press(&state, .enter)
        #expect(state.view == .serviceEvents)
        Fixtures.press(&state, .escape)
        #expect(state.view == .tasks)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "nope")
        Fixtures.press(&state, .enter)
        #expect(state.view == .tasks && state.status?.isError == true)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "q")
        #expect(Fixtures.press(&state, .enter) == [.quit])
    }

    @Test func enterOnAServiceOpensItsTasksAndEscGoesBack() {
        var state = ServiceFixtures.cluster()
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter, .down, .down)
        #expect(state.serviceSelection == "web")
        Fixtures.press(&state, .enter)
        #expect(state.view == .tasks && state.serviceFilter == "web")
        #expect(state.visibleTasks.count == 6 && state.visibleTasks.allSatisfy { $0.service == "web" })
        Fixtures.press(&state, .escape)
        #expect(state.view == .services && state.serviceFilter == nil && state.serviceSelection == "web")
        #expect(state.visibleTasks.count == 17)
    }

    /// Marks are on tasks: in the services view `r` rereads everything, services included.
    @Test func refreshInTheServicesViewRereadsEverythingEvenWithMarks() {
        var state = ServiceFixtures.cluster()
        Fixtures.press(&state, .character(" "), .character(" "))
        #expect(Fixtures.press(&state, .character("r")).count == 1 && state.marks.count == 2)
        #expect(Fixtures.press(&state, .character("r")) != [.refresh(nil)], "in the task view, the marked tasks")
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter)
        #expect(Fixtures.press(&state, .character("r")) == [.refresh(nil)])
        #expect(state.status?.text.hasSuffix("and the services") == true, "\(String(describing: state.status))")
    }

    // MARK: Rows and problems

    @Test func onlyAProtectedTaskStoppedByTheSchedulerIsFlagged() {
        var tasks = (0..<3).map { _ in ServiceFixtures.Task(service: "web", taskDefinition: "web:3", minutesLeft: 30) }
        tasks[0].lifecycle = TaskLifecycle(service: "web", taskDefinition: "web:3", lastStatus: "STOPPING", desiredStatus: "STOPPED",
                                           stoppedReason: "Scaling activity initiated by (deployment ecs-svc/1)",
                                           stopCode: "ServiceSchedulerInitiated")
        tasks[1].lifecycle = TaskLifecycle(service: "web", taskDefinition: "web:3", lastStatus: "DEACTIVATING", desiredStatus: "STOPPED",
                                           stoppedReason: "Your Spot Task was interrupted.", stopCode: "SpotInterruption")
        let state = ServiceFixtures.state(tasks: tasks, services: [])
        #expect(state.tasks.map { state.stoppedWhileProtected($0) } == [true, false, false])
        let frame = DashboardRenderer.render(state)
        let text = frame.textLines.joined(separator: "\n")
        #expect(text.contains("PROTECTED, STOPPED BY"))
        #expect(text.contains("DEACTIVATING SpotInt"))
    }

    @Test func deniedServiceActionsAreNamedAndTheTaskViewIsUnchanged() {
        var state = ServiceFixtures.cluster()
        let tasksBefore = DashboardRenderer.render(state)
        _ = DashboardReducer.reduce(&state, .source(.servicesFailed(
            AgentError(code: "AccessDeniedException", message: "ListServices: User is not authorized to perform: ecs:ListServices"),
            hint: ProblemHint.hint(code: "AccessDeniedException", operation: "ListServices", caller: .operatorCredentials))))
        #expect(DashboardRenderer.render(state) == tasksBefore)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter)
        // The problem wraps over the lines above the table; words are compared across the breaks.
        let words = DashboardRenderer.render(state).textLines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains("ListServices: User is not authorized to perform: ecs:ListServices"))
        #expect(words.contains("allow ecs:ListServices in the IAM policy of your credentials"))
    }

    @Test func agentEndpointsSayTheyCarryNoServiceContext() {
        var state = Fixtures.demoState()
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "svc")
        Fixtures.press(&state, .enter)
        let lines = DashboardRenderer.render(state).textLines
        #expect(lines.contains { $0.contains("agent endpoints carry no service context: watch with --cluster") })
    }

    @Test func serviceEventsAreNewestFirstAndProtectionEventsStandOut() {
        let state = ServiceFixtures.cluster()
        let events = state.serviceEvents(limit: 10)
        #expect(events.map(\.event.createdAt) == events.map(\.event.createdAt).sorted(by: >))
        #expect(events.first?.service == "web")
        #expect(events.filter(\.event.concernsProtection).map(\.service) == ["web", "api", "worker"])
    }

    // MARK: Goldens

    static let sizes = [(80, 24), (160, 40)]

    private func check(_ name: String, _ build: (Int, Int) -> DashboardState, sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFrame.check(name, sizes: Self.sizes, sourceLocation: sourceLocation, build)
    }

    @Test func servicesViewFrames() {
        check("services") { width, height in
            var state = ServiceFixtures.cluster(width: width, height: height)
            Fixtures.press(&state, .character(":"))
            Fixtures.type(&state, "svc")
            Fixtures.press(&state, .enter, .down, .down)
            return state
        }
    }

    @Test func serviceEventsFrames() {
        check("service-events") { width, height in
            var state = ServiceFixtures.cluster(width: width, height: height)
            Fixtures.press(&state, .character(":"))
            Fixtures.type(&state, "events")
            Fixtures.press(&state, .enter)
            return state
        }
    }

    @Test func taskLifecycleFrames() {
        check("task-lifecycle") { width, height in
            var tasks = (0..<3).map { _ in ServiceFixtures.Task(service: "web", taskDefinition: "web:3", minutesLeft: 30) }
            tasks.append(ServiceFixtures.Task(service: "web", taskDefinition: "web:3", minutesLeft: nil, lifecycle: TaskLifecycle(
                service: "web", taskDefinition: "web:3", lastStatus: "STOPPING", desiredStatus: "STOPPED",
                stoppedReason: "Scaling activity initiated by (deployment ecs-svc/1)", stopCode: "ServiceSchedulerInitiated")))
            var state = ServiceFixtures.state(tasks: tasks, services: [], width: width, height: height)
            // The stopping task left the listing: its row is gone and says why it leaves.
            _ = DashboardReducer.reduce(&state, .source(.targetsGone([3])))
            Fixtures.press(&state, .character("G"), .enter)
            return state
        }
    }
}
