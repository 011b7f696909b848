package site

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/tebiki/tebiki/wasm/decide"
)

// Incremental builds. A build leaves beside its pages a record of what it
// built from what (ManifestName): a hash of every input, and for every
// output file its hash, size and modification time. The next build into
// the same folder hashes the inputs again; when only some cities' rules and
// content changed, it renders only those cities' pages and the pages of no
// city (the top pages, which list every city), writes only the files whose
// bytes changed, removes the files that are no longer produced, and keeps
// the rest of the folder as it is. The result is the same folder a full
// build would make; tests compare the two after every kind of edit.
//
// What a city's pages depend on, and so what makes every page rebuild:
// Tebiki itself (the executable), the build options, the national rules,
// the theme and its assets (the checker among them), and any scheduled date
// (effective_from, effective_until, or any other date) in those files that
// falls between the last build's date and this one's. A city's own dated
// changes rebuild only that city. Links from one city's prose to another's
// pages are checked again against the new site without rendering the
// linking page (its output does not change: links are relative paths).
//
// The cities it does not render are not loaded either: what the build
// needs of them comes from a summary of each in the record (light.go).
//
// A theme cannot make a city's pages depend on another city: layouts see
// the page's own city, the national rules and the base URL (see View), and
// the list of every city only on the pages of no city. A missing or
// unreadable record makes the build full, and so does an output file that is
// not as the record says (edited or deleted by hand).

// ManifestName is the file, in the output folder, that records the build.
const ManifestName = ".tebiki-build.json"

const manifestVersion = 1

// inputs are the hashes of a project's files.
type inputs struct {
	global      string
	globalDates []string
	groups      map[string]string   // folder under rules/ or content/ -> hash
	dates       map[string][]string // folder -> dates written in its files
	files       inputRecs           // every file, for the next build
	at          int64               // when their status was taken (Unix nanoseconds)
	read        int                 // files read (the others were known by their status)
}

// datesIn returns the dates (YYYY-MM-DD) written anywhere in b. (A scan,
// not a regular expression: it runs over every input file.)
func datesIn(b []byte) []string {
	var out []string
	digits := func(s []byte) bool {
		for _, c := range s {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '-')
		if j < 0 {
			return out
		}
		k := i + j // b[k] == '-': the first dash of YYYY-MM-DD?
		i = k + 1
		if k < 4 || k+6 > len(b) || b[k+3] != '-' {
			continue
		}
		d := b[k-4 : k+6]
		if digits(d[:4]) && digits(d[5:7]) && digits(d[8:]) && (k == 4 || !isWord(b[k-5])) && (k+6 == len(b) || !isWord(b[k+6])) {
			out = append(out, string(d))
			i = k + 6
		}
	}
}

func isWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// InputGroup tells whose pages an input file (a slash path from the
// project root) feeds: a city folder's, for rules/CITY/… and
// content/CITY/…; "" for the top pages' prose (content/NAME.md); ok is
// false for a file every page depends on (national rules, theme).
func InputGroup(p string) (group string, ok bool) {
	parts := strings.Split(p, "/")
	switch {
	case len(parts) >= 3 && parts[0] == "rules" && !strings.HasPrefix(parts[1], "_"):
		return parts[1], true
	case len(parts) >= 3 && parts[0] == "content":
		return parts[1], true
	case len(parts) == 2 && parts[0] == "content":
		return "", true
	}
	return "", false
}

// crosses reports whether a date in dates lies between a and b (inclusive):
// what is in force may differ between a build for a and one for b.
func crosses(dates []string, a, b string) bool {
	if a == b {
		return false
	}
	if a > b {
		a, b = b, a
	}
	for _, d := range dates {
		if a <= d && d <= b {
			return true
		}
	}
	return false
}

var (
	toolOnce sync.Once
	toolHash string
)

// tool identifies the running Tebiki: its Go build ID, which changes with
// any of its sources, read from the ELF note or the start of the executable
// (or, failing both, a hash of the whole executable).
func tool() string {
	toolOnce.Do(func() {
		toolHash = "unknown"
		exe, err := os.Executable()
		if err != nil {
			return
		}
		if ef, err := elf.Open(exe); err == nil { // Linux: the note that holds the build ID
			sec := ef.Section(".note.go.buildid")
			var note []byte
			if sec != nil {
				note, err = sec.Data()
			}
			ef.Close()
			if sec != nil && err == nil && len(note) > 16 {
				toolHash = "go-build-id-note:" + hex.EncodeToString(note)
				return
			}
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, head)
		if id, ok := buildID(head[:n]); ok {
			toolHash = id
			return
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return
		}
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			toolHash = hex.EncodeToString(h.Sum(nil))
		}
	})
	return toolHash
}

// buildID finds the Go build ID the linker writes near the start of an
// executable: \xff Go build ID: "…"\n \xff.
func buildID(b []byte) (string, bool) {
	const mark = "\xff Go build ID: \""
	i := bytes.Index(b, []byte(mark))
	if i < 0 {
		return "", false
	}
	rest := b[i+len(mark):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return "", false
	}
	return "go-build-id:" + string(rest[:j]), true
}

// reuse is the plan of an incremental build.
type reuse struct {
	old    *manifest
	in     *inputs
	global string
	date   string
	dirty  []string // cities (folders) whose pages are rendered again
	why    string   // why the build is full, when it is
	// pending are the inputs of a build with no record, hashed as they
	// are loaded: opts.Src is read through pending.tap until
	// finishInputs.
	pending *inputList
}

// finishInputs hashes the inputs of l not read yet and sets r.in and
// r.global. Inputs that cannot be read leave both unset: the record then
// makes the next build full.
func (r *reuse) finishInputs(opts *Options, l *inputList) {
	r.pending = nil
	in, err := l.finish(opts.Src)
	if err != nil {
		if r.why == "" {
			r.why = "cannot read the input: " + err.Error()
		}
		return
	}
	r.in = in
	r.global = hashStrings(fmt.Sprint(manifestVersion), tool(), opts.Theme, opts.BaseURL, opts.Checker,
		fmt.Sprint(opts.ContentOnly), in.global)
}

// planReuse compares the project with the record of the last build into
// opts.Out. It returns the plan, whose dirty is nil when the build must be
// full (why says why).
func planReuse(opts *Options, date decide.Date) *reuse {
	r := &reuse{date: date.String()}
	var old *manifest
	var readErr error
	if opts.scan != nil { // read and checked by checkOutput
		old = opts.scan.m
	} else {
		old, readErr = readManifestLazy(opts.Out)
	}
	l, err := listInputFiles(opts.Src, path.Join("themes", opts.Theme), old, opts.listing)
	if err != nil {
		r.why = "cannot read the input: " + err.Error()
		return r
	}
	if readErr != nil {
		// A full build, which reads the inputs to load them: they are
		// hashed then (see inputread.go).
		r.why = readErr.Error()
		r.pending = l
		return r
	}
	r.finishInputs(opts, l)
	if r.in == nil {
		return r
	}
	in := r.in
	switch {
	case old.Shard != nil:
		r.why = "the output folder holds one shard of a site"
		return r
	case old.Interrupted:
		r.why = "the last build was interrupted"
		return r
	case old.Version != manifestVersion || old.Global != r.global:
		r.why = "Tebiki, the options, the site's settings (tebiki.yaml), the national rules or the theme changed"
		return r
	case crosses(in.globalDates, old.Date, r.date):
		r.why = "a date in the national rules or the theme lies between the last build's date and this one's"
		return r
	}
	if opts.scan == nil { // else the caller waits for the check (distrust)
		if _, differs := scanOutput(opts.Out, old); differs != nil {
			r.why = differs.Error()
			return r
		}
	}
	r.old = old
	dirty := []string{}
	for g, h := range in.groups {
		if g != "" && (old.Inputs[g] != h || crosses(in.dates[g], old.Date, r.date)) {
			dirty = append(dirty, g)
		}
	}
	for g := range old.Inputs {
		if _, ok := in.groups[g]; !ok && g != "" {
			dirty = append(dirty, g) // removed
		}
	}
	sort.Strings(dirty)
	r.dirty = dirty
	return r
}

// distrust makes the build full, when it was to keep the output, if the
// check of the output (started by startCheckOutput) found it otherwise than
// its record says; as planReuse does when it checks the output itself.
// It reports whether it did.
func (r *reuse) distrust(opts *Options) bool {
	if opts.scan == nil || r.dirty == nil {
		return false
	}
	if err := opts.scan.differs(); err != nil {
		r.old, r.dirty, r.why = nil, nil, err.Error()
		return true
	}
	return false
}

func hashStrings(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// groupOf returns the group of an output file: its page's city, or "".
func groupOf(p *Page) string {
	if p != nil && p.City != nil {
		return p.City.ID
	}
	return ""
}

// unchanged returns the result of a build into a folder that already holds
// exactly what this build would write, or nil. That is so when the last
// build's record matches the output, no input changed and no scheduled date
// was passed since (planReuse found no city to render again, and the top
// pages' prose is as it was), the checker
// comes with the executable (or is left out), and the last build's warnings,
// if any, are recorded (they are shown again). Nothing is then loaded,
// rendered or written: the same rules that make an incremental build render
// nothing make this build skip the work.
func (r *reuse) unchanged(opts *Options, date decide.Date) *Result {
	m := r.old
	switch {
	case m == nil || r.dirty == nil || len(r.dirty) > 0, opts.Shard != nil, m.Warned && len(m.Warnings) == 0, m.Pages == 0,
		opts.Checker != "" && opts.Checker != EmbeddedChecker:
		return nil
	case r.in.groups[""] != m.Inputs[""], crosses(r.in.dates[""], m.Date, r.date):
		return nil // the top pages' prose, which an incremental build always renders
	}
	warnings, err := replayWarnings(m.Warnings)
	if err != nil {
		return nil // loaded, to warn again
	}
	res := &Result{Pages: m.Pages, Incremental: true, Unchanged: true, Date: date, Upcoming: m.Upcoming, Warnings: warnings}
	for _, g := range m.Groups {
		for _, f := range g.Files {
			res.Files++
			res.Bytes += f.Size
		}
	}
	return res
}
