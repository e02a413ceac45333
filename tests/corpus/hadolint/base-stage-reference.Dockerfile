FROM python:3.12-slim AS base
RUN python -V

FROM base
USER 10001
