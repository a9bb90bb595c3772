"""The lit test format of sqlmodel-cpp's suites. It lives in a module of its own because lit
hands the format to its worker processes by pickling, which needs an importable class."""
import lit.formats
import lit.Test


class SqlmodelShTest(lit.formats.ShTest):
    """ShTest through bash, except that under CI a test needing PostgreSQL fails when there
    is no server instead of being reported as unsupported."""

    def __init__(self, postgres_required_but_missing):
        super().__init__(execute_external=True)
        self.postgres_required_but_missing = postgres_required_but_missing

    def execute(self, test, lit_config):
        result = super().execute(test, lit_config)
        if (
            self.postgres_required_but_missing
            and result.code == lit.Test.UNSUPPORTED
            and "postgres" in test.getMissingRequiredFeatures()
        ):
            return lit.Test.Result(
                lit.Test.FAIL,
                "CI is set but SQLMODEL_TEST_PG_URL is not: a test that needs PostgreSQL fails "
                "instead of being skipped. Run the suites under tools/with-postgres.sh.\n",
            )
        return result
