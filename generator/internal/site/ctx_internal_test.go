package site

import (
	"io"
	"strings"
	"testing"

	template "github.com/tebiki/tebiki/generator/internal/gotemplate/html"
)

// A layout's ctx is not copied to the heap at each call: a page's Ctx are
// made ctxChunk at a time, and each is still what it was made as after
// later calls.
func TestCtxAllocatesByChunks(t *testing.T) {
	v := &View{Title: "page"}
	tmpl := template.Must(template.New("t").Funcs(funcs()).Parse(
		`{{range 40}}{{template "p" (ctx $ nil $)}}{{end}}{{$a := ctx $ nil "a"}}{{$b := ctx $ nil "b"}}{{$c := ctx $ nil "c"}}[{{$a.X}}{{$b.X}}{{$c.X}}]` +
			`{{define "p"}}{{.V.Title}}{{.X.Title}}{{end}}`))
	var out strings.Builder
	if err := tmpl.Execute(&out, v); err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("pagepage", 40) + "[abc]"; out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
	calls := template.Must(template.New("t").Funcs(funcs()).Parse(`{{range 80}}{{template "p" (ctx $ nil $)}}{{end}}{{define "p"}}{{end}}`))
	empty := template.Must(template.New("t").Funcs(funcs()).Parse(`{{range 80}}{{template "p" $}}{{end}}{{define "p"}}{{end}}`))
	calls.Execute(io.Discard, v) // escaped once
	empty.Execute(io.Discard, v)
	allocs := testing.AllocsPerRun(20, func() {
		if err := calls.Execute(io.Discard, v); err != nil {
			t.Fatal(err)
		}
	})
	base := testing.AllocsPerRun(20, func() { empty.Execute(io.Discard, v) })
	if max := float64(80/ctxChunk + 1); allocs-base > max {
		t.Errorf("80 calls of ctx allocated %v times, want at most %v", allocs-base, max)
	}
}
