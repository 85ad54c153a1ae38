/// What a key of the main view does; ``DashboardReducer`` carries each one out.
public enum KeyAction: Sendable, Equatable {
    case toggleHelp
    case moveBy(Int)
    case pageUp, pageDown
    case first, last
    case toggleMark, markAllVisible, clearMarks
    /// Keep the marks after an action that used them, or let actions spend them again.
    case toggleKeepMarks
    case protect, protectForMinutes, unprotect
    /// Keep the marked (or selected) tasks protected, renewing before expiry; again to stop.
    case keepProtected
    case refresh
    /// Forget the outcome of the last action and an acknowledged lapse on the marked (or selected) tasks.
    case dismiss
    /// Show only the tasks whose last action failed, or every task again.
    case toggleFailedActions
    /// Step through the quick views (failing, lapsed, unprotected, kept, failed action, all).
    case cycleQuickFilter
    case openFilter
    /// Sort by the next or the previous column; turn the order round.
    case cycleSort, previousSortColumn, invertSort
    /// Group the rows by service under headers with each group's counts, or list them flat.
    case toggleGroups
    /// Open the column menu; in it, show or hide the highlighted column or column N (1-based).
    case openColumnMenu, toggleHighlightedColumn, toggleColumn(Int)
    case toggleDetail, closeDetail
    /// Show or hide the events pane in the free rows below the table.
    case toggleEvents
    case cycleTheme
    case openFaultMenu, toggleAgent
    case quit
    /// Help: close it; scroll its list by N lines (a small terminal shows part of it).
    case closeHelp, scrollHelp(Int)
    /// Minutes prompt: send the protect; leave without one.
    case submitMinutes, cancelMinutes
    /// Minutes prompt and filter: delete the last character typed.
    case deleteBackward
    /// Unprotect confirmation: go ahead, or leave without a change.
    case confirmUnprotect, cancelUnprotect
    /// Filter: keep it and go back to the table, or clear it.
    case keepFilter, clearFilter
    /// Fault menu: move the highlight, choose the highlighted line or line N (1-based), close.
    case moveMenu(Int), chooseHighlighted, chooseLine(Int), closeMenu
    /// Replay: move the time cursor (pause, step, speed, jump).
    case replay(ReplayControl)
    /// Replay: open the prompt for a time to jump to; jump to the typed time; leave without a jump.
    case openTimePrompt, submitTime, cancelTime
    /// `:`: open the command line; Enter runs it (`svc`, `task`, `events`, `q`); Esc leaves it.
    case openCommand, runCommand, cancelCommand
    /// `:` command line: complete the typed command (Tab); step through earlier commands (Up/Down).
    case completeCommand, commandHistory(Int)
    /// Services view: open the selected service's tasks (the task view, filtered to it).
    case openServiceTasks
    /// Services and service events views: back to the task view.
    case backToTasks
    /// A binding that may not run here (read-only, not a demo): shows why, does nothing else.
    case refuse(String)
}
