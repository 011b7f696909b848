package content

import (
	"bytes"
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Resolver maps the key of a linked page to its URL relative to the page
// being rendered, and reports whether that page exists.
type Resolver func(key string) (href string, ok bool)

// Renderer renders pages. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// NewRenderer returns a renderer with the site's Markdown settings: GitHub
// tables and strikethrough, Unicode heading IDs, links between pages checked
// and rewritten, and raw HTML refused (goldmark's default leaves it out; we
// report it, so a writer knows why it vanished).
func NewRenderer() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(checker{}, 100)),
		),
	)}
}

type renderState struct {
	page    *Page
	resolve Resolver
	errs    *diag.List
}

var stateKey = parser.NewContextKey()

// Render converts the page body to HTML. Problems (links to missing pages,
// raw HTML, unsafe link schemes) are added to errs.
func (r *Renderer) Render(p *Page, resolve Resolver, errs *diag.List) template.HTML {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(stateKey, &renderState{page: p, resolve: resolve, errs: errs})
	var buf bytes.Buffer
	if err := r.md.Convert(p.Body, &buf, parser.WithContext(ctx)); err != nil {
		errs.Add(p.Pos(0), "cannot render Markdown: %v", err)
	}
	return template.HTML(buf.String()) // goldmark escapes text; raw HTML is off
}

// checker walks the parsed document: it rewrites links between pages and
// reports what the site does not allow.
type checker struct{}

func (checker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*renderState)
	if st == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			st.errs.AddHint(st.page.Pos(blockStart(n)), "write it in Markdown; raw HTML is not allowed in content", "raw HTML")
		case *ast.RawHTML:
			off := 0
			if n.Segments.Len() > 0 {
				off = n.Segments.At(0).Start
			}
			st.errs.AddHint(st.page.Pos(off), "write it in Markdown; raw HTML is not allowed in content", "raw HTML")
		case *ast.Image:
			st.errs.AddHint(st.page.Pos(inlineStart(n, src)), "pictures are not supported in content yet", "image %q", string(n.Destination))
		case *ast.Link:
			st.link(n, src)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				st.external(string(n.URL(src)), inlineStart(n, src))
			}
		}
		return ast.WalkContinue, nil
	})
}

func (st *renderState) link(n *ast.Link, src []byte) {
	dest := string(n.Destination)
	off := inlineStart(n, src)
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		st.errs.Add(st.page.Pos(off), "link %q is not a valid address", dest)
	case u.Scheme != "":
		st.external(dest, off)
	case dest == "" || strings.HasPrefix(dest, "#"):
	case strings.HasPrefix(u.Path, "/"):
		st.errs.AddHint(st.page.Pos(off), "link to the Markdown file by its relative path, for example ../sanda/renewal.md", "link %q starts with /", dest)
	case !strings.HasSuffix(u.Path, ".md"):
		st.errs.AddHint(st.page.Pos(off), "link to the Markdown file of the page, for example renewal.md", "link %q does not name a page", dest)
	default:
		target := path.Join(path.Dir(st.page.File), u.Path)
		key, ok := keyOf(target)
		href, found := "", false
		if ok {
			href, found = st.resolve(key)
		}
		if !found {
			st.errs.AddHint(st.page.Pos(off), "check the file name; links are relative to this file", "link to a page that does not exist: %s", dest)
			return
		}
		if u.Fragment != "" {
			href += "#" + u.Fragment
		}
		n.Destination = []byte(href)
	}
}

func (st *renderState) external(dest string, off int) {
	u, err := url.Parse(dest)
	if err != nil {
		return
	}
	switch u.Scheme {
	case "http", "https", "mailto", "tel":
	default:
		st.errs.AddHint(st.page.Pos(off), "only http, https, mailto and tel links are allowed", "link %q uses the scheme %q", dest, u.Scheme)
	}
}

// keyOf turns "content/sanda/renewal.md" into "sanda/renewal". The language
// is the linking page's, so links do not name it.
func keyOf(p string) (string, bool) {
	rel, ok := strings.CutPrefix(p, "content/")
	if !ok && p != "content" {
		return "", false
	}
	rel = strings.TrimSuffix(rel, ".md")
	if rel == "_index" {
		return "", true
	}
	return strings.TrimSuffix(rel, "/_index"), true
}

func blockStart(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}

// inlineStart finds a byte offset for an inline node: the start of its first
// text, minus one for the opening bracket of a link.
func inlineStart(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			if t.Segment.Start > 0 {
				return t.Segment.Start - 1
			}
			return t.Segment.Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// ids generates heading IDs that keep Japanese: "## 手続きの場所" becomes
// id="手続きの場所", where goldmark's default would give "heading".
type ids struct{ seen map[string]bool }

func newIDs() *ids { return &ids{seen: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case (unicode.IsSpace(r) || r == '-' || r == '_') && b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimSuffix(b.String(), "-")
	if id == "" {
		id = "section"
	}
	base := id
	for i := 1; s.seen[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.seen[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = true }
