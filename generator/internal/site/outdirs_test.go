package site_test

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// folderWindow stands for the racy window of folder times in these tests
// (in a build, 250 ms, or 3 s for times in whole seconds).
const folderWindow = 30 * time.Millisecond

// knownOutput builds the incremental fixture into a new folder, then
// builds it again with nothing changed once its folders' times are older
// than the racy window: that build records the folders' status, and a check
// of the output then lists the output folder only. Inputs are stamped an
// hour old, so that builds know them by their status too.
func knownOutput(t *testing.T) (fstest.MapFS, string) {
	t.Helper()
	site.SetFolderRacyWindow(t, folderWindow)
	base := stamped(incBase(t), time.Now().Add(-time.Hour))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(base, out)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * folderWindow)
	res, err := site.Build(incOptions(base, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged {
		t.Fatalf("nothing changed, but the build was not a no-op: %+v (%s)", res, res.Full)
	}
	if !site.FolderTimesUsed(t, out) {
		t.Skip("folder times are not used on this file system")
	}
	listed, known, foreign, differs := site.CheckOutput(t, out)
	if listed != 1 || known == 0 || foreign != "" || differs != nil {
		t.Fatalf("after a build with nothing changed: %d folders listed, %d known by their status, foreign %q, %v; want only the output folder listed", listed, known, foreign, differs)
	}
	return base, out
}

// A full build records the status of the folders it made, once its files
// are written: the next check lists none of them but the output folder
// (before, the first check after a full build listed them all). The racy
// window is made a nanosecond: the fixture's build makes its folders a few
// milliseconds before it records them, and a folder is trusted only if it
// was older than the window when recorded.
func TestFullBuildRecordsFolders(t *testing.T) {
	site.SetFolderRacyWindow(t, time.Nanosecond)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(incOptions(incBase(t), out)); err != nil {
		t.Fatal(err)
	}
	if !site.FolderTimesUsed(t, out) {
		t.Skip("folder times are not used on this file system")
	}
	listed, known, foreign, differs := site.CheckOutput(t, out)
	if listed != 1 || known == 0 || foreign != "" || differs != nil {
		t.Errorf("after a full build: %d folders listed, %d known by their status, foreign %q, %v; want only the output folder listed", listed, known, foreign, differs)
	}
}

// A build with nothing changed records the status of the output's folders
// once (the first after a build that wrote); the next checks list none of
// them but the output folder, and such a build then leaves the record as it
// is.
func TestOutputFoldersKnownByStatus(t *testing.T) {
	base, out := knownOutput(t)
	rec := filepath.Join(out, site.ManifestName)
	before, err := os.Stat(rec)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	res, err := site.Build(incOptions(base, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged {
		t.Errorf("nothing changed, but the build was not a no-op: %+v (%s)", res, res.Full)
	}
	after, err := os.Stat(rec)
	if err != nil {
		t.Fatal(err)
	}
	if !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("a build with nothing changed and nothing to learn rewrote the record")
	}
	if listed, known, _, _ := site.CheckOutput(t, out); listed != 1 || known == 0 {
		t.Errorf("%d folders listed, %d known; want only the output folder listed", listed, known)
	}
}

// With the output's folders known by their status, a file edited, added,
// removed or renamed by hand anywhere is still seen, even with its folder's
// modification time put back (its change time cannot be), and even when
// the record of the folders was taken in the same tick of the clock as the
// change: an edited or removed file makes the build full, an added one is
// refused, by name.
func TestOutputCheckedInKnownFolders(t *testing.T) {
	putBack := func(t *testing.T, dir string, st os.FileInfo) {
		t.Helper()
		if err := os.Chtimes(dir, st.ModTime(), st.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	type tamper func(t *testing.T, out, deep string) (added string)
	cases := map[string]tamper{
		"same-size edit": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			b, _ := os.ReadFile(p)
			b[len(b)-2] ^= 1
			time.Sleep(10 * time.Millisecond)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		},
		"edit, time put back": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			st, _ := os.Stat(p)
			if err := os.WriteFile(p, []byte("edited"), 0o644); err != nil {
				t.Fatal(err)
			}
			putBack(t, p, st)
			return ""
		},
		"file added, folder time put back": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			st, _ := os.Stat(filepath.Dir(p))
			if err := os.WriteFile(p+".bak", []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			putBack(t, filepath.Dir(p), st)
			return deep + ".bak"
		},
		"folder added, folder time put back": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			st, _ := os.Stat(filepath.Dir(p))
			if err := os.MkdirAll(p+".d", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(p+".d", "x.html"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			putBack(t, filepath.Dir(p), st)
			return deep + ".d/x.html"
		},
		"file added in a folder above, its time put back": func(t *testing.T, out, deep string) string {
			dir := filepath.Dir(filepath.Dir(filepath.Join(out, filepath.FromSlash(deep))))
			st, _ := os.Stat(dir)
			if err := os.WriteFile(filepath.Join(dir, "mine.html"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			putBack(t, dir, st)
			rel, _ := filepath.Rel(out, filepath.Join(dir, "mine.html"))
			return filepath.ToSlash(rel)
		},
		"file renamed, folder time put back": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			st, _ := os.Stat(filepath.Dir(p))
			if err := os.Rename(p, p+".old"); err != nil {
				t.Fatal(err)
			}
			putBack(t, filepath.Dir(p), st)
			return deep + ".old"
		},
		"file removed, folder time put back": func(t *testing.T, out, deep string) string {
			p := filepath.Join(out, filepath.FromSlash(deep))
			st, _ := os.Stat(filepath.Dir(p))
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			putBack(t, filepath.Dir(p), st)
			return ""
		},
		"file added as the folders were recorded": func(t *testing.T, out, deep string) string {
			// The record of the folders taken in the same tick as the
			// change (its time is the folder's new modification time): the
			// folder's status is as recorded, but too recent to trust.
			p := filepath.Join(out, filepath.FromSlash(deep))
			if err := os.WriteFile(p+".new", []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(filepath.Dir(p))
			if err != nil {
				t.Fatal(err)
			}
			site.RestampFolders(t, out, st.ModTime())
			return deep + ".new"
		},
	}
	for name, tamper := range cases {
		t.Run(name, func(t *testing.T) {
			base, out := knownOutput(t)
			want := readTree(t, out)
			deep := deepFile(t, want)
			added := tamper(t, out, deep)
			res, err := site.Build(incOptions(base, out))
			if added != "" {
				var refused *site.RefusedError
				if !errors.As(err, &refused) || !strings.Contains(err.Error(), "holds "+added+", which the last build did not write") {
					t.Fatalf("%s: build gave %v, %v; want it refused, naming %s", name, res, err, added)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged || res.Incremental {
				t.Errorf("%s %s: the build trusted the output (%+v); want a full one", name, deep, res)
			}
			compareTrees(t, "output after the build", want, readTree(t, out))
		})
	}
}

// An incremental build keeps the folders' status as the check before it
// saw them: the next check lists only the folders the build changed, and a
// file added by hand to a folder it did not change, with the folder's time
// put back, is still refused.
func TestOutputFoldersKeptByIncrementalBuild(t *testing.T) {
	base, out := knownOutput(t)
	_, allKnown, _, _ := site.CheckOutput(t, out)
	changed := maps.Clone(base)
	edit(changed, "rules/minato/city.yaml", `close: "17:15"`, `close: "17:30"`)
	changed["rules/minato/city.yaml"].ModTime = time.Now().Add(-time.Hour + time.Minute)
	res, err := site.Build(incOptions(changed, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Incremental || res.Cities != 1 {
		t.Fatalf("want an incremental build of one city: %s (%s)", res, res.Full)
	}
	listed, known, foreign, differs := site.CheckOutput(t, out)
	if foreign != "" || differs != nil {
		t.Fatalf("after the incremental build: foreign %q, %v", foreign, differs)
	}
	if known == 0 || listed == 1 || known+listed-1 != allKnown {
		t.Errorf("after an incremental build: %d folders listed, %d known by their status (of %d); want those it changed listed, the others known", listed, known, allKnown)
	}
	var deep string
	for p := range readTree(t, out) {
		if strings.Count(p, "/") >= 2 && !strings.Contains(p, "minato") && strings.HasSuffix(p, ".html") && strings.Count(p, "/") > strings.Count(deep, "/") {
			deep = p
		}
	}
	if deep == "" {
		t.Fatal("no page of another city in a folder of its own")
	}
	p := filepath.Join(out, filepath.FromSlash(deep))
	st, err := os.Stat(filepath.Dir(p))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".bak", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Dir(p), st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	var refused *site.RefusedError
	if res, err := site.Build(incOptions(changed, out)); !errors.As(err, &refused) || !strings.Contains(err.Error(), "holds "+deep+".bak, which the last build did not write") {
		t.Fatalf("build gave %v, %v; want it refused, naming %s", res, err, deep+".bak")
	}
}
