import FoundationEssentials
import ProtectionCore
import TerminalUI

/// The only place the dashboard's state changes: a pure function from (state, event) to the new
/// state and the effects the runtime must carry out. Anything the operator should see at once
/// (a row turning PENDING) happens here, before the effects run.
public enum DashboardReducer {
    /// Applies `event` to `state` and returns the effects to run, in order; `viewModel` is the derived
    /// view model kept beside the state, read where a key needs the visible order and brought up
    /// to date with the new state before returning.
    public static func reduce(_ state: inout DashboardState, _ event: DashboardEvent,
                              viewModel: inout DashboardViewModel) -> [DashboardEffect] {
        let effects = apply(event, to: &state, model: &viewModel)
        viewModel.refresh(for: state)
        return effects
    }

    /// Applies a tick at `now`, and says whether it moved only the clock: no alert, no flash
    /// ending, no renewal, nothing of the state changed but ``DashboardState/now``. A screen drawn
    /// for the state before such a tick then differs from the new one only where the clock is read
    /// (``DashboardRenderer/renderTimeStep(_:viewModel:into:memo:)``).
    public static func reduceTick(_ state: inout DashboardState, at now: Date,
                                  viewModel: inout DashboardViewModel) -> (effects: [DashboardEffect], onlyTimeMoved: Bool) {
        let outcome = tick(at: now, in: &state, model: viewModel)
        viewModel.refresh(for: state)
        return outcome
    }

    /// The same for a caller that keeps no view model: the visible order is worked out afresh.
    public static func reduce(_ state: inout DashboardState, _ event: DashboardEvent) -> [DashboardEffect] {
        var viewModel = DashboardViewModel(state)
        return reduce(&state, event, viewModel: &viewModel)
    }

    private static func apply(_ event: DashboardEvent, to state: inout DashboardState,
                              model: inout DashboardViewModel) -> [DashboardEffect] {
        switch event {
        case .started:
            return state.themeNames.isEmpty ? [] : [.applyTheme(state.themeIndex)]
        case .key(let key):
            return handle(key, in: &state, model: &model)
        case .tick(let now):
            return tick(at: now, in: &state, model: model).effects
        case .monitor(let monitorEvent):
            return applyMonitorEvent(monitorEvent, to: &state)
        case .source(.monitor(let monitorEvent)):
            // A task of the ECS API answers as an agent endpoint does: alerts and keep-protected
            // follow its answers the same way.
            return applyMonitorEvent(monitorEvent, to: &state)
        case .source(let sourceEvent):
            apply(sourceEvent, to: &state, model: &model)
        case .resize(let width, let height):
            state.width = max(0, width)
            state.height = max(0, height)
        case .faultChanged(let target, let kind):
            state.faults[target] = kind
            // A fault known before its row exists (a discovering source finds rows later) is
            // kept for the fault menu without a status naming a task nobody sees yet.
            guard let name = state.task(target)?.displayName else { break }
            state.status = StatusMessage(kind.map { "fault '\($0)' active on \(name)" } ?? "fault cleared on \(name)")
        case .agentAvailabilityChanged(let down):
            state.agentDown = down
            let service = state.simulatedService
            state.status = StatusMessage(down ? "simulated \(service) is down" : "simulated \(service) is back up", isError: down)
            // Polls are backing off after the refusals; the audience should see recovery at once.
            if !down { return [.refresh(nil)] }
        case .scenarioProgress(let banner):
            state.scenario = banner
        case .replayProgress(let status):
            state.replay = status
        case .settingKept(let message):
            state.status = StatusMessage(message)
        case .replayRestarted:
            restartReplay(in: &state)
        case .effectFailed(let effect, let message):
            // A PUT that may never have left must not keep its rows PENDING forever; a response
            // that still arrives sets the confirmed state anyway.
            if case .renew(_, let targets) = effect {
                for target in targets { state.kept[target]?.renewalFailed(at: state.now) }
            }
            if case .put(_, let targets) = effect {
                let now = state.now
                for index in state.tasks.indices where targets.contains(state.tasks[index].id) {
                    state.tasks[index].pendingChange = nil
                    if state.tasks[index].lastAction?.result == .inFlight {
                        state.tasks[index].lastAction?.result = .failed(code: "NotSent", message: message)
                        state.tasks[index].lastAction?.answeredAt = now
                    }
                }
                state.bulk = nil
            }
            state.status = StatusMessage(message, isError: true)
        }
        return []
    }

    // MARK: Keys

    /// Every key goes through the key table of the mode on screen (``KeyBindings/action(for:in:)``);
    /// characters no binding takes are typed into the mode's text, if it has one.
    private static func handle(_ key: KeyInput, in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        if let action = KeyBindings.action(for: key, in: state) { return perform(action, in: &state, model: &model) }
        if state.overlay.keyMode.takesText, case .character(let character) = key {
            typeCharacter(character, in: &state, model: &model)
        } else if state.overlay.keyMode == .main {
            // A key that does nothing says so, rather than leaving the operator to wonder.
            state.status = StatusMessage("\(Wording.keyName(key)) does nothing here: ? for help")
        }
        return []
    }

    static func perform(_ action: KeyAction, in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        switch action {
        case .toggleHelp:
            state.overlay = .help
            state.helpScroll = 0
        case .scrollHelp(let lines):
            let layout = HelpLayout(height: state.height)
            state.helpScroll = min(max(0, state.helpScroll + lines), layout.maximumScroll)
        case .moveBy(let delta):
            if state.view == .services { moveServiceSelection(by: delta, in: &state) } else { moveSelection(by: delta, in: &state, model: &model) }
        case .pageUp: moveSelection(by: -state.pageSize, in: &state, model: &model)
        case .pageDown: moveSelection(by: state.pageSize, in: &state, model: &model)
        case .first: moveSelection(by: -Int(Int32.max), in: &state, model: &model)
        case .last: moveSelection(by: Int(Int32.max), in: &state, model: &model)
        case .toggleMark: toggleMark(in: &state, model: &model)
        case .markAllVisible: markAllVisible(in: &state, model: &model)
        case .clearMarks:
            state.marks.removeAll()
            state.status = StatusMessage("marks cleared")
        case .toggleKeepMarks:
            state.keepMarks.toggle()
            state.status = StatusMessage(state.keepMarks ? "marks stay after an action (M: clear them)" : "actions clear the marks they use")
        case .protect, .protectForMinutes, .unprotect: return startPut(action, in: &state, model: &model)
        case .keepProtected: return toggleKeep(in: &state, model: &model)
        case .refresh: return refresh(in: &state, model: &model)
        case .dismiss: dismiss(in: &state, model: &model)
        case .toggleFailedActions:
            state.quickFilter = state.quickFilter == .failedAction ? nil : .failedAction
            keepSelectionVisible(in: &state, model: &model)
            let failed = model.counts(in: state).failedAction
            state.status = StatusMessage(state.quickFilter == .failedAction
                ? "showing the \(Wording.tasks(failed)) whose last action failed (F: all)" : "showing all tasks")
        case .cycleQuickFilter:
            state.quickFilter = state.quickFilter.map { $0.next } ?? QuickFilter.allCases.first
            keepSelectionVisible(in: &state, model: &model)
            state.status = StatusMessage(state.quickFilter.map {
                "quick view \($0.rawValue): \(model.visibleIDs(in: state).count) of \(Wording.tasks(state.tasks.count)) (v: next)"
            } ?? "showing all tasks")
        case .openFilter: state.overlay = .filterInput
        case .cycleSort, .previousSortColumn:
            state.sortMode = action == .cycleSort ? state.sortMode.next : state.sortMode.previous
            state.status = StatusMessage("sorted by \(state.sortText)")
        case .invertSort:
            state.sortDescending.toggle()
            state.status = StatusMessage("sorted by \(state.sortText)")
        case .openColumnMenu: state.overlay = .columnMenu(highlighted: 0)
        case .toggleHighlightedColumn:
            if case .columnMenu(let highlighted) = state.overlay { return toggleColumn(highlighted + 1, in: &state) }
        case .toggleColumn(let line): return toggleColumn(line, in: &state)
        case .toggleGroups:
            state.groupByService.toggle()
            state.status = StatusMessage(state.groupByService ? "grouped by service, each group \(state.sortText) (S: flat)" : "one flat list")
        case .toggleDetail: state.detailOpen.toggle()
        case .toggleEvents: state.eventsOpen.toggle()
        case .closeDetail: closeDetail(in: &state, model: &model)
        case .openCommand:
            state.commandText = ""
            state.overlay = .commandLine
        case .runCommand: return runCommand(in: &state, model: &model)
        case .completeCommand: completeCommand(in: &state)
        case .commandHistory(let delta): stepCommandHistory(by: delta, in: &state)
        case .cancelCommand:
            state.commandText = ""
            state.overlay = .none
        case .openServiceTasks: openServiceTasks(in: &state, model: &model)
        case .backToTasks: show(.tasks, in: &state, model: &model)
        case .cycleTheme: return cycleTheme(in: &state)
        case .openFaultMenu: openFaultMenu(in: &state, model: &model)
        case .toggleAgent: return toggleAgent(in: &state)
        case .quit: return [.quit]
        case .refuse(let reason): state.status = StatusMessage(reason, isError: true)
        case .replay(let control): return [.replay(control)]
        case .openTimePrompt: state.overlay = .replayTimePrompt("")
        case .submitTime: return submitTime(in: &state)
        case .cancelTime: state.overlay = .none
        case .closeHelp, .closeMenu: state.overlay = .none
        case .submitMinutes: return submitMinutes(in: &state, model: &model)
        case .cancelMinutes:
            state.overlay = .none
            state.status = StatusMessage("protect cancelled")
        case .deleteBackward: deleteBackward(in: &state, model: &model)
        case .confirmUnprotect: return confirmUnprotect(in: &state, model: &model)
        case .cancelUnprotect:
            state.overlay = .none
            state.status = StatusMessage("unprotect cancelled")
        case .keepFilter: closeFilter(keeping: true, in: &state, model: &model)
        case .clearFilter: closeFilter(keeping: false, in: &state, model: &model)
        case .moveMenu(let delta): moveMenu(by: delta, in: &state)
        case .chooseHighlighted: return chooseMenuLine(nil, in: &state)
        case .chooseLine(let line): return chooseMenuLine(line, in: &state)
        }
        return []
    }

    // MARK: Selection and marks

    private static func moveSelection(by delta: Int, in state: inout DashboardState, model: inout DashboardViewModel) {
        let visible = model.visibleIDs(in: state)
        guard !visible.isEmpty else { return }
        let current = state.selection.flatMap { visible.firstIndex(of: $0) } ?? 0
        let target = min(max(0, current + delta), visible.count - 1)
        state.selection = visible[target]
    }

    /// Keeps the selection on a visible row after the filter changed.
    static func keepSelectionVisible(in state: inout DashboardState, model: inout DashboardViewModel) {
        model.refresh(for: state)
        if model.selectedVisibleIndex(in: state) == nil, let first = model.visibleIDs(in: state).first {
            state.selection = first
        }
    }

    private static func toggleMark(in state: inout DashboardState, model: inout DashboardViewModel) {
        guard let selection = state.selection, model.selectedVisibleIndex(in: state) != nil else { return }
        if state.marks.remove(selection) == nil { state.marks.insert(selection) }
        moveSelection(by: 1, in: &state, model: &model)
    }

    private static func markAllVisible(in state: inout DashboardState, model: inout DashboardViewModel) {
        let visible = model.visibleIDs(in: state)
        state.marks.formUnion(visible)
        state.status = StatusMessage("marked \(Wording.tasks(visible.count))")
    }

    /// `x`: the operator has seen the failed outcome or the lapse; the row says its state again.
    private static func dismiss(in state: inout DashboardState, model: inout DashboardViewModel) {
        let targets = model.actionTargets(in: state)
        var dismissed = 0
        for target in targets {
            guard let index = state.index(of: target) else { continue }
            let row = state.tasks[index]
            guard row.lastAction.map({ $0.result != .inFlight }) == true || row.lapsedAt != nil else { continue }
            if row.lastAction?.result != .inFlight { state.tasks[index].lastAction = nil }
            state.tasks[index].lapsedAt = nil
            dismissed += 1
        }
        state.status = StatusMessage(dismissed == 0 ? "nothing to dismiss" : "dismissed on \(Wording.tasks(dismissed))")
        keepSelectionVisible(in: &state, model: &model)
    }

    // MARK: Refresh and demo

    /// `r` polls the marked visible tasks when there are any, else every task: a refresh is
    /// cheap and "show me the truth now" usually means all of it.
    /// In the services and events views, marks (which are on tasks) are not what `r` means: it
    /// rereads everything, services included.
    private static func refresh(in state: inout DashboardState, model: inout DashboardViewModel) -> [DashboardEffect] {
        let marked = state.view == .tasks ? model.visibleIDs(in: state).filter { state.marks.contains($0) } : []
        if marked.isEmpty {
            let services = state.view == .tasks ? "" : " and the services"
            state.status = StatusMessage("refreshing all \(Wording.tasks(state.tasks.count))\(services)")
            return [.refresh(nil)]
        }
        state.status = StatusMessage("refreshing \(Wording.tasks(marked.count))")
        return [.refresh(marked)]
    }

    private static func openFaultMenu(in state: inout DashboardState, model: inout DashboardViewModel) {
        // A demo that cannot inject faults into these tasks (several regions) says so.
        guard !state.faultKinds.isEmpty else {
            state.status = StatusMessage("fault injection is not offered for these tasks", isError: true)
            return
        }
        guard let selection = state.selection, model.selectedVisibleIndex(in: state) != nil else {
            state.status = StatusMessage("no task selected", isError: true)
            return
        }
        state.overlay = .faultMenu(FaultMenu(target: selection))
    }

    /// A monitor's event, from either kind of source: the row changes, then what follows from an
    /// answer (alerts, keep-protected renewals).
    private static func applyMonitorEvent(_ event: MonitorEvent, to state: inout DashboardState) -> [DashboardEffect] {
        apply(event, to: &state)
        guard case .responded(let target, let request, let response) = event else { return [] }
        let defence = noteKeepAnswer(target: target, request: request, response: response, in: &state)
        return defence + watchAnswer(target: target, request: request, response: response, in: &state) + renewKeptTasks(in: &state)
    }

    private static func toggleAgent(in state: inout DashboardState) -> [DashboardEffect] {
        let service = state.simulatedService
        state.status = StatusMessage(state.agentDown ? "bringing the simulated \(service) back" : "taking the simulated \(service) down")
        return [.setAgentDown(!state.agentDown)]
    }

    /// The next theme by name; the runtime applies it to the terminal.
    private static func cycleTheme(in state: inout DashboardState) -> [DashboardEffect] {
        guard !state.themeNames.isEmpty else { return [] }
        state.themeIndex = (state.themeIndex + 1) % state.themeNames.count
        state.status = StatusMessage("theme: \(state.themeNames[state.themeIndex])")
        return [.applyTheme(state.themeIndex)]
    }
}
