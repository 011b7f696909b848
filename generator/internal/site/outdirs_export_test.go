package site

import (
	"testing"
	"time"
)

// SetFolderRacyWindow shortens, for the test t, how old a folder's times
// must be before its status is trusted (outdirs.go).
func SetFolderRacyWindow(t testing.TB, d time.Duration) {
	old := folderRacyWindow
	folderRacyWindow = d
	t.Cleanup(func() { folderRacyWindow = old })
}

// CheckOutput checks out against its record as a build does, and returns
// how many folders it listed (the output folder among them) and how many it
// knew by their status, the first file the record does not list, and why
// the output differs from the record.
func CheckOutput(t testing.TB, out string) (listed, known int, foreign string, differs error) {
	t.Helper()
	m, err := readManifestLazy(out)
	if err != nil {
		t.Fatal(err)
	}
	foreign, differs = scanOutput(out, m)
	return int(m.scanned.listed.Load()), int(m.scanned.trusted.Load()), foreign, differs
}

// FolderTimesUsed reports whether the check of out uses folder times (on
// Linux, on a file system known to keep them).
func FolderTimesUsed(t testing.TB, out string) bool {
	t.Helper()
	m, err := readManifestLazy(out)
	if err != nil {
		t.Fatal(err)
	}
	scanOutput(out, m)
	return m.scanned.used
}

// RestampFolders writes into out's record the status every folder of out
// has now, as a check that began at at would have seen it.
func RestampFolders(t testing.TB, out string, at time.Time) {
	t.Helper()
	m, err := readManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	bare := *m
	bare.Dirs, bare.DirsAt = nil, 0
	scanOutput(out, &bare)
	if !bare.scanned.used {
		t.Skip("folder times are not used on this file system")
	}
	m.Dirs, m.DirsAt = bare.scanned.dirs(), at.UnixNano()
	if err := writeManifest(out, m); err != nil {
		t.Fatal(err)
	}
}
