// Package gotemplate holds Tebiki's copy of the standard library's
// text/template (text/), its parser (parse/) and html/template (html/),
// taken from Go 1.26.8 under its BSD licence (LICENSE).
//
// Why a copy: a national site renders some 90,000 pages, and most of their
// build went into the template machinery itself rather than into Tebiki's
// helpers: text/template looks a method up by name (reflect's MethodByName,
// which also builds the method's type) every time a layout writes .Name,
// and calls every function and escaper through reflect.Value.Call. The copy
// remembers in each node of the parsed template what its names resolved to,
// for the type last seen there (parse.Cache), and calls functions and
// methods of the common shapes directly (text/fast.go); see the changes
// marked "Tebiki:" in text/ and parse/node.go.
// Everything else (the language, the contextual escaping, the errors) is
// the standard library's, and so are the tests, which run against the copy.
//
// The content types (HTML, URL, …) are aliases of html/template's, so
// values typed by code that imports the standard package are trusted alike.
// Files come from $GOROOT/src/{text,html}/template, text/template/parse
// and internal/fmtsort; the
// only other changes: import paths, internal/godebug replaced by the default
// settings (html/godebug.go), and the tests that need GODEBUG or the go
// command removed.
package gotemplate
