package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// The language of the command's messages: -lang ja|en, or, without it,
// the environment (LC_ALL, LC_MESSAGES, LANG), as diag.LangFromEnv reads it.
// Windows sets none of these, so there -lang is the way to Japanese.

// langIn returns the value of -lang in args ("" when not given), reading
// args as fs will: flags up to the first argument that is not one, or "--".
// It is read before fs parses args, so that fs's errors can be said in it.
func langIn(fs *flag.FlagSet, args []string) string {
	lang := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if !hasValue && i+1 < len(args) {
			f := fs.Lookup(name)
			if f == nil {
				continue // fs fails here: read on, to say so in the language asked for
			}
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
			i++
			value = args[i]
		}
		if name == "lang" {
			lang = value
		}
	}
	return lang
}

// say writes a message of the catalogue, in lang, as one line.
func say(w io.Writer, lang, format string, args ...any) {
	fmt.Fprintln(w, diag.T(format, args...).In(lang))
}

// messageLang is the language of messages for a -lang value: ja or en as
// given, else from the environment. A value that is neither is said, in
// the environment's language, and ok is false.
func messageLang(v string, stderr io.Writer) (lang string, ok bool) {
	switch v {
	case "ja", "en":
		return v, true
	case "":
		return diag.LangFromEnv(os.Getenv), true
	}
	env := diag.LangFromEnv(os.Getenv)
	say(stderr, env, "tebiki: -lang %q is not a language of messages; use ja or en", v)
	return env, false
}

// parseFlags adds -lang to fs, parses args and returns the language of
// messages. When it returns ok false, the command ends with code: 0 after
// -h, whose usage goes to stdout, 2 on a usage error, which is reported on
// stderr in the language of messages.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (lang string, code int, ok bool) {
	fs.String("lang", "", "language of messages: ja or en (default from LC_ALL, LC_MESSAGES or LANG)")
	lang, ok = messageLang(langIn(fs, args), stderr)
	if !ok {
		return lang, 2, false
	}
	// The flag package's own lines are held back: the help goes to
	// stdout, and an error is said again in the language of messages.
	out := fs.Output()
	var held bytes.Buffer
	fs.SetOutput(&held)
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case err == nil:
		return lang, 0, true
	case errors.Is(err, flag.ErrHelp):
		stdout.Write(held.Bytes())
		return lang, 0, false
	}
	if lang == "en" {
		stderr.Write(held.Bytes())
		return lang, 2, false
	}
	fmt.Fprintln(stderr, flagError(err.Error()).In(lang))
	say(stderr, lang, "run \"tebiki %s -h\" for the flags of this command", fs.Name())
	return lang, 2, false
}

// noArgs reports whether the command line left no argument after the
// flags, as commands that take flags only want; else it says so.
func noArgs(fs *flag.FlagSet, lang string, stderr io.Writer) bool {
	if fs.NArg() == 0 {
		return true
	}
	say(stderr, lang, "tebiki %s: unexpected argument %q: this command takes flags only, written before anything else (see tebiki %s -h)", fs.Name(), fs.Arg(0), fs.Name())
	return false
}

// flagError turns an error of the flag package into a message of the
// catalogue. The flag package does not export its formats, so its messages
// are taken apart here; one it does not know is kept as it is.
func flagError(msg string) diag.Text {
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return diag.T("flag provided but not defined: %s", rest)
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return diag.T("flag needs an argument: %s", rest)
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return diag.T("bad flag syntax: %s", rest)
	}
	// invalid value "x" for flag -name: reason
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if v, flagAndWhy, ok := strings.Cut(rest, " for flag "); ok {
			name, why, _ := strings.Cut(flagAndWhy, ": ")
			return diag.T("invalid value %s for flag %s: %s", v, name, flagWhy(why))
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		if v, flagAndWhy, ok := strings.Cut(rest, " for "); ok {
			name, why, _ := strings.Cut(flagAndWhy, ": ")
			return diag.T("invalid value %s for flag %s: %s", v, name, flagWhy(why))
		}
	}
	return diag.T("%s", msg)
}

// flagWhy is why the flag package refused a value: strconv's "parse error"
// and "value out of range", or another reason kept as it is.
func flagWhy(why string) any {
	switch why {
	case "parse error":
		return diag.T("parse error")
	case "value out of range":
		return diag.T("value out of range")
	case checkerValues:
		return diag.T(checkerValues)
	}
	return why
}
