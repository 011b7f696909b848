// Package layers holds no code: its test enforces how Tebiki's packages may
// depend on each other, so that the layering the README describes stays
// true. From the bottom up:
//
//   - wasm/decide, the decision core, imports only strconv and unicode/utf8:
//     every byte of it is downloaded by residents, and it must stay pure (no
//     os, time, fmt, reflect, encoding/json or syscall/js). wasm, the
//     browser shell, imports the core and the Go runtime's syscall/js only.
//   - diag imports nothing of Tebiki's; par, jpcal, stray, todo, yamlx and
//     config are leaves over diag and the core. jatext imports only
//     kagomedict (the dictionary's loader), which imports nothing of Tebiki's. gotemplate, the copy of the
//     standard library's templates, imports nothing of Tebiki's above it.
//   - rules, content and theme load the three inputs and do not import each
//     other, nor anything that builds or renders a site.
//   - site is the build; serve, diff, scaffold and the commands sit above it,
//     and nothing below imports them.
//   - The product binary, generator/cmd/tebiki, carries no benchmark (the
//     Hugo driver, brotli) and no browser automation (chromedp): those are
//     for generator/cmd/bench and the tests only.
//
// The test also keeps every Go file of generator/ and wasm/ (tests,
// generated code and the copied standard library aside) under 600 lines.
package layers
