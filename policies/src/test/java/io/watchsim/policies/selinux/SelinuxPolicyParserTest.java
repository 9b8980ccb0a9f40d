package io.watchsim.policies.selinux;

import io.watchsim.policies.PolicySyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SelinuxPolicyParserTest {
    private static final String KEY_PERMS = "view, read, write, search, link, setattr, create";
    private static final String CLASSES = "key, mount, superblock, notification";

    @Test
    void readsTypesAllowRulesBracesSelfAndComments() {
        String text = """
                # WatchSim test policy
                type user_t;  type user_key_t;
                type admin_t; type mnt_t; type fs_t;
                type daemon_t;
                allow user_t user_key_t:key { view read };   # watch and read own keys
                allow user_t
                      self : key
                      view;
                allow user_t user_key_t:key {
                    write
                    read
                };
                allow admin_t mnt_t:mount watch;allow admin_t fs_t:superblock{watch};
                allow daemon_t user_t:notification post;
                """;
        TePolicy p = SelinuxPolicyParser.parse("test.te", text);
        assertThat(p.declaredTypes()).containsExactly("user_t", "user_key_t", "admin_t", "mnt_t", "fs_t", "daemon_t");
        assertThat(p.rules()).extracting(TeRule::toString).containsExactly(
                "allow user_t user_key_t:key { view read write };",
                "allow user_t user_t:key view;",
                "allow admin_t mnt_t:mount watch;",
                "allow admin_t fs_t:superblock watch;",
                "allow daemon_t user_t:notification post;");
        assertThat(p.allows("user_t", "user_t", "key", "view")).isTrue();
        assertThat(p.allows("user_t", "user_t", "key", "read")).isFalse();
        assertThat(p.allows("user_t", "user_key_t", "key", "write")).isTrue();
        assertThat(SelinuxPolicyParser.parse("again.te", p.toString())).isEqualTo(p);
    }

    @Test
    void anEmptyPolicyAllowsNothing() {
        assertThat(SelinuxPolicyParser.parse("empty.te", "").isEmpty()).isTrue();
        assertThat(SelinuxPolicyParser.parse("empty.te", "# nothing\n\n  type a_t;\n").rules()).isEmpty();
    }

    @Test
    void aTypeMayBeDeclaredAfterTheRulesThatNameIt() {
        TePolicy p = SelinuxPolicyParser.parse("late.te", "allow a_t b_t:key view;\ntype b_t;\ntype a_t;\n");
        assertThat(p.allows("a_t", "b_t", "key", "view")).isTrue();
        assertThat(p.declaredTypes()).containsExactly("b_t", "a_t");
    }

    /** As checkpolicy ("unknown type b", "Duplicate declaration of type"): the type's own line and column. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`allow a b:key view;`                      | 1 | 7  | `unknown type \"a\"; expected a type declared in this file ('type a;')`",
            "`type a;\nallow a b:key view;`             | 2 | 9  | `unknown type \"b\"; expected a type declared in this file ('type b;')`",
            "`type a;\nallow a self:key view;\nallow a\n  c_t:key view;\ntype b;` | 4 | 3 | `unknown type \"c_t\"; expected a type declared in this file ('type c_t;')`",
            "`type a;\ntype b;\n  type a;`             | 3 | 8  | `duplicate declaration of type \"a\" (first declared at line 1, column 6); declare each type once`",
            "`type a; type a;`                          | 1 | 14 | `duplicate declaration of type \"a\" (first declared at line 1, column 6); declare each type once`",
    })
    void refusesUndeclaredAndTwiceDeclaredTypes(String text, int line, int column, String message) {
        PolicySyntaxException e = catchThrowableOfType(PolicySyntaxException.class, () -> SelinuxPolicyParser.parse("t.te", text));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e).hasMessage("t.te:" + line + ":" + column + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`allow a_t b_t:file read;`              | 1 | 15 | `unknown class \"file\"; expected one of " + CLASSES + "`",
            "`allow a_t b_t:key watch;`              | 1 | 19 | `unknown permission \"watch\" for class key; expected one of " + KEY_PERMS + "`",
            "`allow a_t b_t:mount view;`             | 1 | 21 | `unknown permission \"view\" for class mount; expected one of watch`",
            "`allow a_t b_t:key { view bogus };`     | 1 | 26 | `unknown permission \"bogus\" for class key; expected one of " + KEY_PERMS + "`",
            "`allow a_t b_t:key { };`                | 1 | 21 | `empty permission set; expected one or more of " + KEY_PERMS + "`",
            "`allow a_t b_t:key { view read`         | 1 | 30 | `expected a permission of class key (one of " + KEY_PERMS + ") or '}', found end of input`",
            "`allow a_t b_t:key ;`                   | 1 | 19 | `expected a permission of class key (one of " + KEY_PERMS + ") or '{', found ';'`",
            "`allow a_t b_t:key view`                | 1 | 23 | `expected ';' after the permissions, found end of input`",
            "`allow a_t b_t:key view read;`          | 1 | 24 | `expected ';' after the permissions, found \"read\"`",
            "`allow a_t b_t key view;`               | 1 | 15 | `expected ':' after the target type, found \"key\"`",
            "`allow a_t b_t:{ key } view;`           | 1 | 15 | `expected a class (one of " + CLASSES + "), found '{'`",
            "`allow self b_t:key view;`              | 1 | 7  | `expected a source type, found 'self' (self may only be a target)`",
            "`allow { a_t } b_t:key view;`           | 1 | 7  | `expected a source type, found '{'`",
            "`allow a_t ;`                           | 1 | 11 | `expected a target type or 'self', found ';'`",
            "`permit a_t b_t:key view;`              | 1 | 1  | `expected a statement ('type' or 'allow'), found \"permit\"`",
            "`type 9lives;`                          | 1 | 6  | `type name \"9lives\" must start with a letter or '_'`",
            "`type foo_t\n`                          | 2 | 1  | `expected ';' after the type name, found end of input`",
            "`allow a_t b_t:key view;\n  allow a_t $x:key view;` | 2 | 13 | `unexpected character '$'; expected a name, '{', '}', ':', ';' or a '#' comment`",
            "`# c\nallow a_t\n\tb_t:key {\n view\n  wirte };` | 5 | 3 | `unknown permission \"wirte\" for class key; expected one of " + KEY_PERMS + "`",
            "`allow a_t b_t:key view; }`             | 1 | 25 | `expected a statement ('type' or 'allow'), found '}'`",
    })
    void reportsMistakesWithLineAndColumn(String text, int line, int column, String message) {
        PolicySyntaxException e = catchThrowableOfType(PolicySyntaxException.class, () -> SelinuxPolicyParser.parse("test.te", text));
        assertThat(e).isNotNull();
        assertThat(e.source()).isEqualTo("test.te");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e).hasMessage("test.te:" + line + ":" + column + ": " + message);
    }
}
