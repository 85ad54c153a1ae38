"""A small terminal emulator for what ncurses sends to an xterm-256color terminal.

It keeps a grid of (character, attributes) cells and counts the cells whose content or attributes
actually change, so the benchmark can relate the bytes a program writes to what changed on screen.
It understands cursor motion, erasing, scrolling regions, insert/delete, repeat, SGR and the DEC
line-drawing set: everything in the xterm-256color terminfo entry that ncurses uses.
"""

import codecs
import unicodedata

LINE_DRAWING = dict(zip("jklmnqtuvwx`afgh~", "┘┐┌└┼─├┤┴┬│◆▒°±░·"))


def char_width(char):
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    def __init__(self, columns, rows):
        self.columns, self.rows = columns, rows
        self.blank_attributes = ()
        self.cells = [[(" ", ()) for _ in range(columns)] for _ in range(rows)]
        self.row, self.column = 0, 0
        self.wrap_pending = False
        self.attributes = ()
        self.sgr = {}
        self.top, self.bottom = 0, rows - 1
        self.saved = (0, 0, ())
        self.line_drawing = False
        self.last_printed = " "
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.state = "ground"
        self.sequence = ""
        self.changed_cells = 0

    # --- public -------------------------------------------------------------------------------
    def feed(self, data):
        """Interprets `data` (bytes); returns how many cells changed."""
        before = self.changed_cells
        for char in self.decoder.decode(data):
            self._consume(char)
        return self.changed_cells - before

    def line(self, row):
        return "".join(char for char, _ in self.cells[row] if char is not None)

    def text(self):
        return "\n".join(self.line(row) for row in range(self.rows))

    # --- cells --------------------------------------------------------------------------------
    def _set(self, row, column, char, attributes):
        cell = (char, attributes)
        if self.cells[row][column] != cell:
            self.cells[row][column] = cell
            self.changed_cells += 1

    def _blank(self, row, first, last):
        for column in range(max(0, first), min(self.columns, last)):
            self._set(row, column, " ", self._erase_attributes())

    def _erase_attributes(self):
        # bce: erasing paints the current background only.
        return tuple(item for item in self.attributes if item[0] == "bg")

    def _scroll_up(self, count, top=None):
        top = self.top if top is None else top
        for _ in range(count):
            for row in range(top, self.bottom):
                for column in range(self.columns):
                    self._set(row, column, *self.cells[row + 1][column])
            self._blank(self.bottom, 0, self.columns)

    def _scroll_down(self, count, top=None):
        top = self.top if top is None else top
        for _ in range(count):
            for row in range(self.bottom, top, -1):
                for column in range(self.columns):
                    self._set(row, column, *self.cells[row - 1][column])
            self._blank(top, 0, self.columns)

    def _line_feed(self):
        self.wrap_pending = False
        if self.row == self.bottom:
            self._scroll_up(1)
        elif self.row < self.rows - 1:
            self.row += 1

    def _print(self, char):
        if self.line_drawing:
            char = LINE_DRAWING.get(char, char)
        width = char_width(char)
        if width == 0:
            return
        if self.wrap_pending or self.column + width > self.columns:
            self.column = 0
            self._line_feed()
        self._set(self.row, self.column, char, self.attributes)
        if width == 2 and self.column + 1 < self.columns:
            self._set(self.row, self.column + 1, None, self.attributes)
        self.last_printed = char
        if self.column + width >= self.columns:
            self.column = self.columns - 1
            self.wrap_pending = True
        else:
            self.column += width

    # --- parser -------------------------------------------------------------------------------
    def _consume(self, char):
        if self.state == "ground":
            if char == "\x1b":
                self.state, self.sequence = "escape", ""
            elif char == "\r":
                self.column, self.wrap_pending = 0, False
            elif char in "\n\x0b\x0c":
                self._line_feed()
            elif char == "\b":
                self.column, self.wrap_pending = max(0, self.column - 1), False
            elif char == "\t":
                self.column = min(self.columns - 1, (self.column // 8 + 1) * 8)
            elif char == "\x0e":
                self.line_drawing = True
            elif char == "\x0f":
                self.line_drawing = False
            elif ord(char) >= 0x20 and char != "\x7f":
                self._print(char)
        elif self.state == "escape":
            self._escape(char)
        elif self.state == "csi":
            if "\x40" <= char <= "\x7e":
                self.state = "ground"
                self._csi(self.sequence, char)
            else:
                self.sequence += char
        elif self.state == "osc":
            if char == "\x07" or (self.sequence.endswith("\x1b") and char == "\\"):
                self.state = "ground"
            else:
                self.sequence += char
        elif self.state == "charset":
            self.line_drawing = char == "0"
            self.state = "ground"
        elif self.state == "other-charset":
            self.state = "ground"

    def _escape(self, char):
        self.state = "ground"
        if char == "[":
            self.state, self.sequence = "csi", ""
        elif char == "]":
            self.state, self.sequence = "osc", ""
        elif char == "(":
            self.state = "charset"
        elif char in ")*+":
            self.state = "other-charset"
        elif char == "7":
            self.saved = (self.row, self.column, self.attributes)
        elif char == "8":
            self.row, self.column, self.attributes = self.saved
            self.wrap_pending = False
        elif char == "D":
            self._line_feed()
        elif char == "E":
            self.column = 0
            self._line_feed()
        elif char == "M":
            self.wrap_pending = False
            if self.row == self.top:
                self._scroll_down(1)
            elif self.row > 0:
                self.row -= 1
        elif char == "c":
            self.__init__(self.columns, self.rows)

    def _csi(self, sequence, final):
        private = sequence[:1] in ("?", ">", "=", "<")
        body = sequence[1:] if private else sequence
        try:
            parameters = [int(part) if part else 0 for part in body.split(";")] if body else []
        except ValueError:
            return
        if private:
            return  # modes (alternate screen, cursor visibility, keypad): no cells change

        def parameter(index, default=1):
            value = parameters[index] if index < len(parameters) else 0
            return value if value else default

        if final != "m":
            self.wrap_pending = False
        if final in "Hf":
            self.row = min(self.rows - 1, parameter(0) - 1)
            self.column = min(self.columns - 1, parameter(1) - 1)
        elif final == "A":
            self.row = max(self.top if self.row >= self.top else 0, self.row - parameter(0))
        elif final in "Be":
            self.row = min(self.bottom if self.row <= self.bottom else self.rows - 1, self.row + parameter(0))
        elif final in "Ca":
            self.column = min(self.columns - 1, self.column + parameter(0))
        elif final == "D":
            self.column = max(0, self.column - parameter(0))
        elif final == "E":
            self.row, self.column = min(self.rows - 1, self.row + parameter(0)), 0
        elif final == "F":
            self.row, self.column = max(0, self.row - parameter(0)), 0
        elif final in "G`":
            self.column = min(self.columns - 1, parameter(0) - 1)
        elif final == "d":
            self.row = min(self.rows - 1, parameter(0) - 1)
        elif final == "K":
            mode = parameter(0, 0)
            first, last = {0: (self.column, self.columns), 1: (0, self.column + 1), 2: (0, self.columns)}.get(mode, (0, 0))
            self._blank(self.row, first, last)
        elif final == "J":
            mode = parameter(0, 0)
            if mode == 0:
                self._blank(self.row, self.column, self.columns)
                rows = range(self.row + 1, self.rows)
            elif mode == 1:
                self._blank(self.row, 0, self.column + 1)
                rows = range(0, self.row)
            else:
                rows = range(self.rows)
            for row in rows:
                self._blank(row, 0, self.columns)
        elif final == "m":
            self._sgr(parameters or [0])
        elif final == "r":
            top, bottom = parameter(0) - 1, parameter(1, self.rows) - 1
            if 0 <= top < bottom < self.rows:
                self.top, self.bottom = top, bottom
            self.row, self.column = 0, 0
        elif final == "S":
            self._scroll_up(parameter(0))
        elif final == "T":
            self._scroll_down(parameter(0))
        elif final in "LM" and self.top <= self.row <= self.bottom:
            saved_top = self.top
            (self._scroll_down if final == "L" else self._scroll_up)(parameter(0), top=self.row)
            self.top = saved_top
            self.column = 0
        elif final == "@":
            count = parameter(0)
            line = self.cells[self.row]
            moved = line[self.column:self.columns - count]
            for offset, cell in enumerate(moved):
                self._set(self.row, self.column + count + offset, *cell)
            self._blank(self.row, self.column, self.column + count)
        elif final == "P":
            count = parameter(0)
            line = list(self.cells[self.row])
            moved = line[self.column + count:]
            for offset, cell in enumerate(moved):
                self._set(self.row, self.column + offset, *cell)
            self._blank(self.row, self.columns - count, self.columns)
        elif final == "X":
            self._blank(self.row, self.column, self.column + parameter(0))
        elif final == "b":
            for _ in range(parameter(0)):
                self._print(self.last_printed)

    def _sgr(self, parameters):
        index = 0
        while index < len(parameters):
            code = parameters[index]
            if code == 0:
                self.sgr = {}
            elif code in (1, 2, 3, 4, 5, 7, 8, 9):
                self.sgr[code] = True
            elif code == 22:
                self.sgr.pop(1, None)
                self.sgr.pop(2, None)
            elif code in (23, 24, 25, 27, 28, 29):
                self.sgr.pop(code - 20, None)
            elif 30 <= code <= 37 or 90 <= code <= 97:
                self.sgr["fg"] = code
            elif 40 <= code <= 47 or 100 <= code <= 107:
                self.sgr["bg"] = code
            elif code == 39:
                self.sgr.pop("fg", None)
            elif code == 49:
                self.sgr.pop("bg", None)
            elif code in (38, 48):
                key = "fg" if code == 38 else "bg"
                if index + 1 < len(parameters) and parameters[index + 1] == 5:
                    self.sgr[key] = ("256", parameters[index + 2] if index + 2 < len(parameters) else 0)
                    index += 2
                elif index + 1 < len(parameters) and parameters[index + 1] == 2:
                    self.sgr[key] = tuple(parameters[index + 2:index + 5])
                    index += 4
            index += 1
        self.attributes = tuple(sorted(((str(key), value) for key, value in self.sgr.items()), key=lambda item: item[0]))
