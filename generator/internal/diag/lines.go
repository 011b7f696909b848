package diag

import (
	"bytes"
	"io/fs"
	"sort"
	"sync"
	"unicode/utf8"
)

// MaxFileSize is the largest input file (Markdown page, rule file, layout)
// Tebiki reads: 32 MiB, far above any real page, and small enough that a
// build stays within memory on any computer.
const MaxFileSize = 32 << 20

// TooLarge reports, and records in errs, whether the file name of fsys is
// larger than MaxFileSize. It does not read the file.
func TooLarge(fsys fs.FS, name string, errs *List) bool {
	st, err := fs.Stat(fsys, name)
	if err != nil || st.Size() <= MaxFileSize {
		return false
	}
	errs.AddHintT(Pos{File: name, Line: 1, Col: 1}, T("split it into files under %d MB", MaxFileSize>>20), "the file is too large (%d MB)", (st.Size()+(1<<20)-1)>>20)
	return true
}

// Lines indexes the line starts of a source file, to turn byte offsets into
// positions by binary search: the time to find a position does not grow with
// the file. It is safe for concurrent use.
type Lines struct {
	src    []byte
	starts []int // byte offset of each line's first byte

	mu                   sync.Mutex
	lastOff, lastLineEnd int // the last offset looked up, and its line's end
	lastCol              int
}

// NewLines indexes src.
func NewLines(src []byte) *Lines {
	l := &Lines{src: src, starts: make([]int, 1, 1+len(src)/40)}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		l.starts = append(l.starts, i)
	}
	l.lastOff = -1
	return l
}

// Pos returns the position of the byte at off in file.
func (l *Lines) Pos(file string, off int) Pos {
	line, col := l.LineCol(off)
	return Pos{File: file, Line: line, Col: col}
}

// LineCol converts a byte offset to a 1-based line and column; the column
// counts characters (runes), as editors show them.
func (l *Lines) LineCol(off int) (line, col int) {
	off = max(0, min(off, len(l.src)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start := l.starts[i]
	l.mu.Lock()
	defer l.mu.Unlock()
	// Offsets are mostly looked up in order: count on from the last one
	// when it lies earlier on the same line, so a long line is not
	// counted again for every position on it.
	// (Only from the start of a character: counting from its middle
	// would count its other bytes as characters of their own.)
	if l.lastOff >= start && l.lastOff <= off && off <= l.lastLineEnd && (l.lastOff == len(l.src) || utf8.RuneStart(l.src[l.lastOff])) {
		col = l.lastCol + utf8.RuneCount(l.src[l.lastOff:off])
	} else {
		col = 1 + utf8.RuneCount(l.src[start:off])
	}
	end := len(l.src)
	if i+1 < len(l.starts) {
		end = l.starts[i+1] - 1
	}
	l.lastOff, l.lastLineEnd, l.lastCol = off, end, col
	return i + 1, col
}

// CheckUTF8 reports whether src is valid UTF-8; if not, it records in errs
// the position of the first byte that is not (lines counted from
// firstLine, for text embedded in another file).
func CheckUTF8(file string, src []byte, firstLine int, errs *List) bool {
	if utf8.Valid(src) {
		return true
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col := NewLines(src).LineCol(off)
	errs.AddHint(Pos{File: file, Line: line + firstLine - 1, Col: col}, "save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8), or retype the character", "invalid UTF-8: the file is not saved as UTF-8, or holds a broken character here")
	return false
}
