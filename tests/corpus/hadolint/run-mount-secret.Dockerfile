# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN --mount=type=secret,id=pip,target=/root/.config/pip/pip.conf pip install --no-cache-dir private-lib==1.0.0
USER 10001
