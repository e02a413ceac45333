FROM python:3.12-slim AS python-base
ARG BASE=python-base
FROM ${BASE}
USER 10001
