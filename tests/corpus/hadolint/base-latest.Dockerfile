FROM python:latest
USER 10001
