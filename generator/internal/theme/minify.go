package theme

import (
	"bytes"
	template "github.com/tebiki/tebiki/generator/internal/gotemplate/html"
	"path"

	"github.com/tdewolff/minify/v2"
	minhtml "github.com/tdewolff/minify/v2/html"
)

// Layouts are minified once, when the theme loads, rather than every page
// after it is rendered: the HTML minifier reads the layout's source with its
// {{…}} actions kept as they are, and the minified source is what renders
// pages. What the actions insert (the Markdown's HTML, texts) is written as
// it comes.
//
// The layouts as written are parsed too (plain): they give the positions in
// parse errors, in the checks of T keys and, when a page fails to render, in
// its error (the page is rendered again from them; see Render).

// LayoutMinifier minifies a layout's source. Pages keep their document
// tags, end tags and attribute quotes, as before.
var LayoutMinifier = &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: minhtml.GoTemplateDelims}

// MinifyLayout returns src, a layout's source, minified.
func MinifyLayout(src []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := LayoutMinifier.Minify(minify.New(), &out, bytes.NewReader(src), nil); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// minifyLayouts parses the minified sources of the shared files (in the
// order given, as loadLayouts did) and of every page kind's layout, and uses
// them for rendering. If any cannot be minified or parsed, the plain layouts
// stay in use, and Minified is false.
func (t *Theme) minifyLayouts(fm template.FuncMap, shared []string) {
	base := template.New("").Funcs(fm)
	for _, file := range shared {
		src, err := MinifyLayout(t.sources[file])
		if err != nil {
			return
		}
		if _, err := base.New(file).Parse(string(src)); err != nil {
			return
		}
	}
	layouts := map[string]*template.Template{}
	for kind := range t.plain {
		file := path.Join(t.Dir, "layouts", kind+".html")
		src, err := MinifyLayout(t.sources[file])
		if err != nil {
			return
		}
		clone, err := base.Clone()
		if err != nil {
			return
		}
		if _, err := clone.New(file).Parse(string(src)); err != nil {
			return
		}
		layouts[kind] = clone
	}
	t.layouts = layouts
	t.Minified = true
}

// UsePlainLayouts makes the theme render from its layouts as written, and
// the build then minifies every page after rendering it, as it did before
// the layouts were minified once: for comparisons of the two.
func (t *Theme) UsePlainLayouts() {
	t.layouts = t.plain
	t.Minified = false
}
