package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// isTerminal reports whether w is a terminal (a character device such as a
// console), where a progress line that rewrites itself makes sense; a pipe,
// a file or a CI log is not. A variable, for tests.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine shows a build's progress on one terminal line that it
// rewrites: the stage and, while rendering, pages done of total. It redraws
// at most every interval, and always on a new stage and at the end of one.
type progressLine struct {
	w        io.Writer
	now      func() time.Time
	interval time.Duration

	mu      sync.Mutex
	last    time.Time
	stage   string
	drawn   int // width of what is on the line
	lastTxt string
}

func newProgressLine(w io.Writer) *progressLine {
	return &progressLine{w: w, now: time.Now, interval: 100 * time.Millisecond}
}

// progressText is the line shown for a stage.
func progressText(stage string, done, total int) string {
	switch {
	case stage == site.StageRendering && total > 0:
		return fmt.Sprintf("tebiki: %s pages %d/%d (%d%%)", stage, done, total, done*100/total)
	default:
		return "tebiki: " + stage + "..."
	}
}

// update is a site.Progress.
func (p *progressLine) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if stage == p.stage && done != total && now.Sub(p.last) < p.interval {
		return
	}
	p.stage, p.last = stage, now
	p.draw(progressText(stage, done, total))
}

// draw rewrites the line: back to its start, the text, and spaces over
// what is left of a longer previous text (no terminal escapes, for old
// Windows consoles).
func (p *progressLine) draw(txt string) {
	if txt == p.lastTxt {
		return
	}
	n := len([]rune(txt))
	pad := ""
	if p.drawn > n {
		pad = strings.Repeat(" ", p.drawn-n)
	}
	fmt.Fprint(p.w, "\r"+txt+pad)
	p.drawn, p.lastTxt = max(n, p.drawn), txt // the spaces are on screen too
}

// clear blanks the line (nil: nothing to do), so that what follows starts on a clean line.
func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.drawn)+"\r")
	}
	p.drawn, p.lastTxt, p.stage = 0, "", ""
}
