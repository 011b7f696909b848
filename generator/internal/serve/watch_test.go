package serve

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// syncBuffer is a log the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// watching starts a server on a copy of the sample project, watching it.
func watching(t *testing.T, s *Server) (root, base string) {
	t.Helper()
	if s.Root == "" {
		s.Root = project(t)
	}
	if _, err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go s.Watch(ctx)
	<-s.Ready()
	return s.Root, ts.URL
}

// TestIdlePreviewDoesNoWork counts the walks of the input folders (each
// stats every file) while nothing changes: none with file events, one per
// interval when polling.
func TestIdlePreviewDoesNoWork(t *testing.T) {
	const idle = 400 * time.Millisecond
	events := &Server{Every: 20 * time.Millisecond}
	watching(t, events)
	polling := &Server{Every: 20 * time.Millisecond, Poll: true}
	watching(t, polling)
	e0, p0 := events.Scans(), polling.Scans()
	time.Sleep(idle)
	if n := events.Scans() - e0; n != 0 {
		t.Errorf("an idle preview watching file events walked the inputs %d times", n)
	}
	if n := polling.Scans() - p0; n == 0 {
		t.Error("a polling preview did not walk the inputs at all (the count is broken)")
	}
}

func TestWatchSeesAtomicSavesAndNewFolders(t *testing.T) {
	s := &Server{Every: 20 * time.Millisecond}
	root, base := watching(t, s)

	// An editor's atomic save: a temporary file renamed over the page.
	wait := nextReload(t, base)
	page := filepath.Join(root, "content/sanda/_index.en.md")
	b, _ := os.ReadFile(page)
	tmp := filepath.Join(root, "content/sanda/.#_index.en.md.tmp")
	os.WriteFile(tmp, []byte(strings.Replace(string(b), "one per procedure.", "one per procedure. Saved atomically.", 1)), 0o644)
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	wait()
	if body := get(t, base+"/en/sanda/index.html"); !strings.Contains(body, "Saved atomically.") {
		t.Error("the atomically saved edit is not served")
	}

	// A new city's folders appear: they are built, and then watched.
	wait = nextReload(t, base)
	for _, dir := range []string{"rules", "content"} {
		if err := os.CopyFS(filepath.Join(root, dir, "kita"), os.DirFS(filepath.Join(root, dir, "sanda"))); err != nil {
			t.Fatal(err)
		}
	}
	wait()
	eventually(t, base+"/en/kita/index.html", func(b string) bool { return strings.Contains(b, "Saved atomically.") })
	wait = nextReload(t, base)
	edit(t, filepath.Join(root, "content/kita/_index.en.md"), "Saved atomically.", "Edited in a new folder.")
	wait()
	if body := eventually(t, base+"/en/kita/index.html", func(b string) bool { return strings.Contains(b, "Edited in a new folder.") }); !strings.Contains(body, "Edited in a new folder.") {
		t.Errorf("an edit in a folder created after the start is not served")
	}
}

func TestWatchPollsWhenAsked(t *testing.T) {
	log := &syncBuffer{}
	s := &Server{Every: 20 * time.Millisecond, Poll: true, Log: log}
	root, base := watching(t, s)
	wait := nextReload(t, base)
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "one per procedure.", "one per procedure. Polled.")
	wait()
	if body := get(t, base+"/en/sanda/index.html"); !strings.Contains(body, "Polled.") {
		t.Error("the edit is not served")
	}
}

func TestWatchFallsBackToPollingWithoutEvents(t *testing.T) {
	// As where the system has no file events (or no watches left).
	newWatcher = func() (*fsnotify.Watcher, error) { return nil, errors.New("too many open files") }
	t.Cleanup(func() { newWatcher = fsnotify.NewWatcher })
	log := &syncBuffer{}
	s := &Server{Every: 20 * time.Millisecond, Log: log}
	root, base := watching(t, s)
	if !strings.Contains(log.String(), "looking for changes every 20ms") {
		t.Errorf("no word of the fallback:\n%s", log.String())
	}
	wait := nextReload(t, base)
	edit(t, filepath.Join(root, "content/sanda/_index.en.md"), "one per procedure.", "one per procedure. Fallback.")
	wait()
}
