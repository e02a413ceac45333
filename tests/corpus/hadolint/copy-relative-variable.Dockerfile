FROM python:3.12-slim
ARG DEST=/app/
COPY app.py $DEST
USER 10001
