// Package serve is the preview server for city staff: it builds the site in
// memory, serves it on loopback, rebuilds whenever a file under content/,
// rules/ or themes/ changes, and reloads the open page. When an edit breaks
// the build, the last good site stays up and the problems are shown in the
// page and in the terminal; when no build has succeeded yet, or a page is
// not in the last good one, a page lists the problems and turns into the
// site by itself once they are fixed.
//
// It sits above the build; only the command line imports it.
package serve

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// Server serves the last good build of a project.
type Server struct {
	Root    string // project folder
	Theme   string
	Checker string        // where the checker comes from (see site.Options.Checker), or ""
	Date    string        // build for this day (YYYY-MM-DD); default today
	Lang    string        // language of problem reports: "ja" or "en" (default)
	Log     io.Writer     // build results and problems
	Every   time.Duration // polling: how often to look for changes; default 200ms
	Poll    bool          // look for changes by polling, not by file events (network shares)

	mu       sync.Mutex
	files    map[string][]byte
	problem  string            // the last failed build's problems, "" when the last build succeeded
	problems []diag.Diagnostic // the same, one by one
	version  int
	changed  chan struct{} // closed and replaced on every rebuild
	stamp    string
	// last is the last good build, whose cities a rebuild of some cities
	// takes as they were; pending are the cities of the builds that failed
	// since (all when pendingAll): the next rebuild reads them again.
	last       *site.Result
	pending    []string
	pendingAll bool

	ready chan struct{} // closed when Watch is watching
	scans atomic.Int64  // walks of the input folders (each stats every file)
}

// Rebuild builds the whole site now. On success the new site replaces the
// old one; on failure the old one stays and the problems are kept for the
// page.
func (s *Server) Rebuild() (time.Duration, error) { return s.rebuild(nil) }

// RebuildCities rebuilds after edits that concern only these cities (their
// rules or content, or the top pages' content when cities is empty): their
// pages and the top pages are rendered again, the rest is kept.
func (s *Server) RebuildCities(cities []string) (time.Duration, error) {
	if cities == nil {
		cities = []string{}
	}
	return s.rebuild(cities)
}

func (s *Server) rebuild(cities []string) (time.Duration, error) {
	start := time.Now()
	s.mu.Lock()
	if cities != nil && s.pendingAll {
		cities = nil
	}
	if cities != nil {
		cities = union(cities, s.pending)
	}
	partial := cities != nil && s.files != nil
	last := s.last
	s.mu.Unlock()
	opts := site.Options{Src: os.DirFS(s.Root), SrcDir: s.Root, Theme: s.Theme, Checker: s.Checker, Date: s.Date}
	if partial {
		opts.Cities, opts.Previous = cities, last
	}
	files, res, err := site.BuildFiles(opts)
	if err == nil && partial {
		s.mu.Lock()
		merged := make(map[string][]byte, len(s.files))
		langs := config.LanguagesOf(os.DirFS(s.Root))
		for p, b := range s.files {
			drop := false
			for _, c := range cities {
				for _, l := range langs {
					if strings.HasPrefix(p, l.Path+"/"+c+"/") {
						drop = true // the city's pages come anew: a page it lost disappears
					}
				}
			}
			if !drop {
				merged[p] = b
			}
		}
		s.mu.Unlock()
		for p, b := range files {
			merged[p] = b
		}
		files = merged
	}
	d := time.Since(start)
	s.mu.Lock()
	if err != nil {
		s.problem = err.Error()
		s.problems = []diag.Diagnostic{{Msg: diag.T("%s", err.Error())}}
		var de *diag.Error
		if errors.As(err, &de) {
			s.problem = de.StringIn(s.Lang)
			s.problems = de.Items
		}
		if cities == nil {
			s.pendingAll = true
		} else {
			s.pending = union(s.pending, cities)
		}
	} else {
		s.files, s.problem, s.problems = files, "", nil
		s.last, s.pending, s.pendingAll = res, nil, false
	}
	s.version++
	if s.changed != nil {
		close(s.changed)
	}
	s.changed = make(chan struct{})
	s.mu.Unlock()
	if s.Log != nil {
		if err != nil {
			s.mu.Lock()
			good := s.files != nil
			s.mu.Unlock()
			if good {
				fmt.Fprintf(s.Log, "%s\n%s\n", s.problem, diag.T("tebiki: build failed after %s; still serving the last good site", d.Round(time.Millisecond)).In(s.Lang))
			} else {
				fmt.Fprintf(s.Log, "%s\n%s\n", s.problem, diag.T("tebiki: build failed after %s; the preview lists the problems until they are fixed", d.Round(time.Millisecond)).In(s.Lang))
			}
		} else {
			fmt.Fprintln(s.Log, diag.T("tebiki: rebuilt %d files in %s", len(files), d.Round(time.Millisecond)).In(s.Lang))
		}
	}
	return d, err
}

// ServeHTTP serves the site, the reload script and the change events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/__tebiki/events":
		s.events(w, r)
		return
	case "/__tebiki/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
		return
	case "/__tebiki/preview.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, previewCSS)
		return
	}
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if p == "" || strings.HasSuffix(r.URL.Path, "/") {
		p = path.Join(p, "index.html")
	}
	s.mu.Lock()
	files, problem, problems, version := s.files, s.problem, s.problems, s.version
	s.mu.Unlock()
	b, ok := files[p]
	if !ok && path.Ext(p) == "" {
		if _, dir := files[p+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if !ok {
		// No such page in the last good version (or no version at all):
		// the problems of the last build when it failed, else a page that
		// says so. Both reload by themselves after the next build.
		previewPage(w, s.Lang, problems, files != nil, version)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(p))
	if path.Ext(p) == ".wasm" {
		ctype = "application/wasm"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(p, ".html") {
		b = inject(b, version, problem)
	}
	w.Write(b)
}

// inject adds the reload script, and the problems of a failed build, to a page.
func inject(page []byte, version int, problem string) []byte {
	var add bytes.Buffer
	if problem != "" {
		fmt.Fprintf(&add, `<link rel="stylesheet" href="/__tebiki/preview.css"><div id="tebiki-build-error" role="alert"><strong>Build failed; this is the last good version. / ビルドに失敗しました。表示しているのは前回の正常な版です。</strong>%s</div>`, "\n"+html.EscapeString(problem))
	}
	fmt.Fprintf(&add, `<script src="/__tebiki/reload.js" data-version="%d"></script>`, version)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, add.Bytes()...)
	}
	out := append([]byte{}, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// events streams a "reload" event after every rebuild (server-sent events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	s.mu.Lock()
	if s.changed == nil {
		s.changed = make(chan struct{})
	}
	ch, v := s.changed, s.version
	s.mu.Unlock()
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", v)
	fl.Flush()
	select {
	case <-r.Context().Done():
	case <-ch:
		s.mu.Lock()
		v = s.version
		s.mu.Unlock()
		fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v)
		fl.Flush()
	}
}

// affected returns the cities whose files differ between two snapshots, or
// nil when a change concerns everything (the national rules, the theme).
// An empty list means only the top pages' own content changed.
func affected(before, after string) []string {
	lines := func(s string) map[string]string {
		m := map[string]string{}
		for _, l := range strings.Split(s, "\n") {
			if name, rest, ok := strings.Cut(l, "\x00"); ok {
				m[name] = rest
			}
		}
		return m
	}
	a, b := lines(before), lines(after)
	changed := map[string]bool{}
	for k, v := range a {
		if b[k] != v {
			changed[k] = true
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			changed[k] = true
		}
	}
	cities := []string{}
	for p := range changed {
		city, ok := site.InputGroup(filepath.ToSlash(p))
		switch {
		case !ok:
			return nil
		case city != "": // "": the top pages' own prose, rendered in every partial rebuild
			cities = append(cities, city)
		}
	}
	slices.Sort(cities)
	return slices.Compact(cities)
}

// union returns the cities of a and of b, each once, in order.
func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, c := range b {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
