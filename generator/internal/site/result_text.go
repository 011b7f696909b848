package site

import (
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Text is the one-line summary of the build, as a message of the catalogue
// (shown in English by String, in the reader's language by the command).
func (r *Result) Text() diag.Text {
	t := diag.T("built %d pages (%d files, %d KB) in %s", r.Pages, r.Files, r.Bytes/1024, r.Duration.Round(time.Millisecond).String())
	switch {
	case r.Unchanged:
		t = diag.T("%s (nothing changed since the last build: inputs and outputs checked, nothing loaded or written)", t)
	case r.Incremental:
		cities := "cities"
		if r.Cities == 1 {
			cities = "city"
		}
		if r.TopKept {
			t = diag.T("%s (incremental: rendered %d changed %s, %d pages, the top pages unchanged; wrote %d files, removed %d, kept the rest)", t, r.Cities, cities, r.Rendered, r.Written, r.Removed)
		} else {
			t = diag.T("%s (incremental: rendered %d changed %s and the top pages, %d pages; wrote %d files, removed %d, kept the rest)", t, r.Cities, cities, r.Rendered, r.Written, r.Removed)
		}
	case r.Full != "" && r.Full != errNoRecord.Error():
		t = diag.T("%s (full build: %s)", t, r.Full)
	}
	return t
}
