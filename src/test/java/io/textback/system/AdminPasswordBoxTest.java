package io.textback.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first start's password is hard to miss in a scrolling log, and the line to keep it is ready to copy. */
class AdminPasswordBoxTest {

    @Test
    void generatedPasswordIsFramedWithTheExportLineToCopy() {
        String box = AdminUser.passwordBox("s3cret-Xy_z");

        var lines = box.strip().lines().toList();
        assertThat(lines.get(0)).matches("#{20,}");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(lines.get(0));
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSameSizeAs(lines.get(0)));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("TEXTBACK ADMIN PASSWORD"));
        assertThat(lines).anySatisfy(line -> assertThat(line.replace("#", "").strip())
                .isEqualTo("export TEXTBACK_ADMIN_PASSWORD=s3cret-Xy_z"));
    }
}
