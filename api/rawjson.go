package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaskJSON re-indents a resource as the service returned it, in the
// service's order, with every secret-looking string value (a pre-shared
// key, a BGP auth key, a password, a token) replaced by Mask, so it can be
// shown and pasted into a ticket. The top-level keys named in omit (a
// request id) are left out.
func MaskJSON(raw []byte, omit ...string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var b bytes.Buffer
	if err := copyMasked(dec, &b, "", false, omit); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return b.Bytes(), nil
}

// copyMasked copies the next value from dec to b, indented, masking it
// when it is a secret's string.
func copyMasked(dec *json.Decoder, b *bytes.Buffer, indent string, secret bool, omit []string) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := t.(type) {
	case json.Delim:
		closing, n := byte('}'), 0
		if v == '[' {
			closing = ']'
		}
		b.WriteByte(byte(v))
		for dec.More() {
			var key string
			if v == '{' {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ = k.(string)
				if slices.Contains(omit, key) {
					if err := copyMasked(dec, &bytes.Buffer{}, "", false, nil); err != nil {
						return err
					}
					continue
				}
			}
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n" + indent + "  ")
			if v == '{' {
				writeJSONString(b, key)
				b.WriteString(": ")
			}
			if err := copyMasked(dec, b, indent+"  ", v == '{' && SecretKey(key), nil); err != nil {
				return err
			}
			n++
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return err
		}
		if n > 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteByte(closing)
	case string:
		if secret && v != "" {
			v = Mask
		}
		writeJSONString(b, v)
	case json.Number:
		b.WriteString(v.String())
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case nil:
		b.WriteString("null")
	}
	return nil
}

// writeJSONString writes s quoted, as the service sent it: json escapes
// the C0 controls, and here every other rune Printable would replace (DEL,
// C1, the bidirectional controls) is escaped too (\u202e), so the raw view
// shows what the string holds, exactly, and no terminal acts on it.
func writeJSONString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always marshals, as valid UTF-8
	if isPrintable(string(q)) {
		b.Write(q)
		return
	}
	for _, r := range string(q) {
		if r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) {
			fmt.Fprintf(b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
}

// SecretKey reports whether a field of that name holds a secret:
// Psk, PreSharedKey, AuthKey, *Secret*, *Password*, *Token* (not ClientToken, which is
// an idempotency key), whatever the case.
func SecretKey(name string) bool {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, "psk"), strings.Contains(n, "presharedkey"),
		strings.Contains(n, "authkey"), strings.Contains(n, "secret"), strings.Contains(n, "password"),
		strings.Contains(n, "token") && n != "clienttoken" && n != "nexttoken":
		return true
	}
	return false
}
