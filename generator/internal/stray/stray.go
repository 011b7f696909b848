// Package stray recognises the files that staff's tools leave beside the
// real ones in rules/ and content/: copies made by a file manager
// ("renewal - コピー.yaml", "renewal (1).yaml", "renewal copy.yaml"),
// backups and lock files ("city.yaml.bak", "city.yaml~", "~$renewal.ja.md"),
// and files the operating system writes (.DS_Store, Thumbs.db). The loaders
// ask it about every name before reading a file as part of the site, and
// report what it finds with Report.
//
// It must not import the loaders (rules, content); it knows names only.
package stray

import (
	"regexp"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Kind is what a name looks like.
type Kind int

const (
	None   Kind = iota // a name like any other
	Copy               // a copy made by a file manager
	Backup             // a backup, temporary or lock file
	System             // written by the operating system (.DS_Store, Thumbs.db): ignored
)

var (
	// copyName matches the stem of a copy: Windows ("x - コピー",
	// "x - Copy (2)", "x (1)"), macOS ("x のコピー", "x copy 2", "x 2") and
	// older Windows ("コピー ～ x", "Copy of x").
	copyName       = regexp.MustCompile(`(?i)( - (コピー|copy)( \(\d+\))?| ?\(\d+\)|(のコピー| copy)( \d+)?| \d+)$|^(コピー ～ |copy of )`)
	backupSuffixes = []string{".bak", "~", ".swp", ".swo", ".tmp", ".orig", ".old"}
	systemNames    = map[string]bool{".ds_store": true, "thumbs.db": true, "ehthumbs.db": true, "desktop.ini": true}
)

// Classify tells what the base name of a file or folder looks like.
func Classify(name string) Kind {
	lower := strings.ToLower(name)
	switch {
	case systemNames[lower] || strings.HasPrefix(name, "._"):
		return System
	case strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock.") || strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return Backup
	}
	for _, s := range backupSuffixes {
		if strings.HasSuffix(lower, s) {
			return Backup
		}
	}
	if !mayBeCopy(name) {
		return None
	}
	// Windows copies "renewal.ja.md" as "renewal.ja - コピー.md", so both
	// the name without its last extension and without all are looked at.
	stems := []string{name}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		stems = append(stems, name[:i])
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		stems = append(stems, name[:i])
	}
	for _, s := range stems {
		if copyName.MatchString(s) {
			return Copy
		}
	}
	return None
}

// mayBeCopy reports whether copyName may match name or a prefix of it:
// each of its forms holds a space, a ")" or "のコピー". Most names hold
// none, and are not given to the regular expression (asked of every file
// of the site, it took 3 % of a 100-city build's time).
func mayBeCopy(name string) bool {
	return strings.ContainsAny(name, " )") || strings.Contains(name, "のコピー")
}

// Report reports the file or folder at file (its path from the site's
// root), of kind k, found in folder ("rules/sanda/", "content/"). When read
// is true the loader would read it as part of the site as what (a term of
// the catalogue: "city", "procedure", "page"): a copy is then an error,
// and the loader must skip it. Otherwise it is a warning: the loader does
// not read it, but it is shown so that staff can clear it away. System
// files are not reported.
func Report(errs *diag.List, file, folder string, k Kind, read bool, what string) {
	pos := diag.Pos{File: file}
	switch {
	case k == Copy && read:
		errs.AddHintT(pos, diag.T("delete it; if it is a new %s, rename it with lower-case letters, digits, - and _ only", what),
			"this looks like a copy made by a file manager, and would be read as a new %s", what)
	case k == Copy:
		errs.Warn(pos, diag.T("delete it, or move it out of %s", folder), "this looks like a copy made by a file manager; Tebiki does not read it")
	case k == Backup:
		errs.Warn(pos, diag.T("delete it, or move it out of %s", folder), "this looks like a backup or temporary file; Tebiki does not read it")
	}
}
