package io.watchsim.policies.selinux;

import io.watchsim.policies.PolicySyntaxException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads type-enforcement policy text: statements ending in {@code ;}, {@code #} comments to the
 * end of the line, whitespace and newlines anywhere between tokens.
 *
 * <pre>
 * type sysadm_t;  type user_key_t;  type user_t;     # every type a rule names is declared, once
 * allow sysadm_t user_key_t:key { view read };
 * allow sysadm_t self:key view;                    # self = the source type
 * allow user_t sysadm_t:notification post;         # EXTENDED mode only
 * </pre>
 *
 * Statements: {@code type NAME;} and {@code allow SOURCE TARGET:CLASS PERMS;}, where PERMS is one
 * permission or {@code { p1 p2 ... }} and TARGET may be {@code self}. Classes and permissions are
 * those of {@link TeClass}. Rules accumulate (a union). Type names: a letter or {@code _}, then
 * letters, digits, {@code _ . -}. As checkpolicy, every type a rule names must be declared in the
 * file (before or after the rule), and no type twice. Mistakes raise a {@link PolicySyntaxException}
 * with the line and 1-based column (a tab counts as one) of the offending token, what was found and
 * what was expected.
 */
public final class SelinuxPolicyParser {
    private final String source;
    private final String text;
    private int pos;
    private int line = 1;
    private int col = 1;

    // The current token.
    private String tok;
    private int tokLine;
    private int tokCol;

    private SelinuxPolicyParser(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Parses {@code text}; {@code source} names it in error messages (a file name).
     *
     * @throws PolicySyntaxException at the first mistake
     */
    public static TePolicy parse(String source, String text) {
        return new SelinuxPolicyParser(source, text).policy();
    }

    /** Where a token was: its line and column. */
    private record Place(int line, int column) {
    }

    /** A type named by an allow rule, and where, checked against the declarations once all are read. */
    private record TypeUse(String name, Place place) {
    }

    private final Map<String, Place> declared = new HashMap<>();
    private final List<TypeUse> uses = new ArrayList<>();

    private TePolicy policy() {
        TePolicy.Builder b = TePolicy.builder();
        next();
        while (tok != null) {
            switch (tok) {
                case "type" -> {
                    next();
                    Place at = new Place(tokLine, tokCol);
                    String name = typeName("a type name after 'type'", false);
                    Place first = declared.putIfAbsent(name, at);
                    if (first != null) {
                        // checkpolicy: "Duplicate declaration of type".
                        throw new PolicySyntaxException(source, at.line(), at.column(), "duplicate declaration of type \""
                                + name + "\" (first declared at line " + first.line() + ", column " + first.column()
                                + "); declare each type once");
                    }
                    expect(";", "after the type name");
                    b.declareType(name);
                }
                case "allow" -> allow(b);
                default -> throw error("expected a statement ('type' or 'allow'), found " + found());
            }
        }
        // As checkpolicy, declarations may come after the rules that use them, but every type a
        // rule names must be declared somewhere in the file.
        for (TypeUse use : uses) {
            if (!declared.containsKey(use.name())) {
                // checkpolicy: "unknown type NAME".
                throw new PolicySyntaxException(source, use.place().line(), use.place().column(), "unknown type \""
                        + use.name() + "\"; expected a type declared in this file ('type " + use.name() + ";')");
            }
        }
        return b.build();
    }

    private void allow(TePolicy.Builder b) {
        next();
        String src = typeName("a source type", false);
        String tgt = typeName("a target type or 'self'", true);
        if (tgt.equals("self")) {
            tgt = src;
        }
        expect(":", "after the target type");
        if (!isIdent()) {
            throw error("expected a class (one of " + TeClass.names() + "), found " + found());
        }
        TeClass cls = TeClass.byName(tok).orElseThrow(
                () -> error("unknown class " + found() + "; expected one of " + TeClass.names()));
        next();
        int perms = 0;
        if ("{".equals(tok)) {
            next();
            if ("}".equals(tok)) {
                throw error("empty permission set; expected one or more of " + String.join(", ", cls.permissions()));
            }
            while (!"}".equals(tok)) {
                perms |= permission(cls, true);
            }
            next();
        } else {
            perms = permission(cls, false);
        }
        expect(";", "after the permissions");
        b.allow(src, tgt, cls, perms);
    }

    private int permission(TeClass cls, boolean inBraces) {
        if (!isIdent()) {
            throw error("expected a permission of class " + cls.className() + " (one of "
                    + String.join(", ", cls.permissions()) + ")" + (inBraces ? " or '}'" : " or '{'") + ", found " + found());
        }
        int bit = cls.bit(tok);
        if (bit == 0) {
            throw error("unknown permission " + found() + " for class " + cls.className() + "; expected one of "
                    + String.join(", ", cls.permissions()));
        }
        next();
        return bit;
    }

    private String typeName(String what, boolean selfAllowed) {
        if (!isIdent()) {
            throw error("expected " + what + ", found " + found());
        }
        String name = tok;
        Place at = new Place(tokLine, tokCol);
        if (name.equals("self") && !selfAllowed) {
            throw error("expected " + what + ", found 'self' (self may only be a target)");
        }
        if (!name.equals("self")) {
            String problem = TePolicy.typeNameProblem(name);
            if (problem != null) {
                throw error(problem);
            }
            uses.add(new TypeUse(name, at));
        }
        next();
        return name;
    }

    private void expect(String punct, String where) {
        if (!punct.equals(tok)) {
            throw error("expected '" + punct + "' " + where + ", found " + found());
        }
        next();
    }

    private boolean isIdent() {
        return tok != null && TePolicy.isNameChar(tok.charAt(0));
    }

    private String found() {
        if (tok == null) {
            return "end of input";
        }
        return isIdent() ? "\"" + tok + "\"" : "'" + tok + "'";
    }

    private PolicySyntaxException error(String message) {
        return new PolicySyntaxException(source, tokLine, tokCol, message);
    }

    /** Moves to the next token; {@code tok} is null at the end, positioned just past the last character. */
    private void next() {
        skipBlanksAndComments();
        tokLine = line;
        tokCol = col;
        if (pos >= text.length()) {
            tok = null;
            return;
        }
        char c = text.charAt(pos);
        if (c == '{' || c == '}' || c == ':' || c == ';') {
            tok = String.valueOf(c);
            advance();
            return;
        }
        if (!TePolicy.isNameChar(c)) {
            throw new PolicySyntaxException(source, tokLine, tokCol, "unexpected character "
                    + PolicySyntaxException.describeChar(c)
                    + "; expected a name, '{', '}', ':', ';' or a '#' comment");
        }
        int start = pos;
        while (pos < text.length() && TePolicy.isNameChar(text.charAt(pos))) {
            advance();
        }
        tok = text.substring(start, pos);
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                return;
            }
        }
    }

    private void advance() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
}
